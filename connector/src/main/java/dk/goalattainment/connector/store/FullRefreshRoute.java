package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.definitions.Definitions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A full refresh computed outside the store's own database and written back into it (ADR 0027:
 * PostgreSQL's full refresh computed in an embedded DuckDB). The refresh then creates every table
 * with the store's own statements but empty ({@link SqlDialect#createEmptyTableAs}), so the tables
 * have exactly the columns, types, privileges, views and indexes of a refresh computed in place,
 * and {@link Computed#fill} copies the computed rows into them, all in the refresh's transaction.
 */
public interface FullRefreshRoute {
  /**
   * Computes a full refresh of the data {@code store} sees (inside the refresh's transaction), with
   * the data as of {@code asOf}, reporting its stages to {@code listener}.
   *
   * @throws dk.goalattainment.connector.core.error.ConnectorException naming the stage that failed
   */
  Computed compute(
      Connection store, Definitions definitions, LocalDate asOf, RefreshListener listener)
      throws SQLException;

  /** A computed full refresh, until closed (closing removes what it kept: files, a database). */
  interface Computed extends AutoCloseable {
    /** The rows of each table as the full refresh reports them. */
    Map<String, Long> rows();

    /**
     * Copies the computed rows of {@code tables} into the tables of the same names on {@code
     * store}, which the refresh has just created empty in its transaction; reports the stage {@code
     * copy in} to {@code listener}.
     */
    void fill(Connection store, List<String> tables, RefreshListener listener) throws SQLException;

    /** Removes what the computation kept (also after a failure). */
    @Override
    void close();
  }
}
