package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.definitions.Definitions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

/**
 * A full refresh computed outside the store's own database and written back into it (ADR 0027:
 * PostgreSQL's full refresh computed in an embedded DuckDB). The refresh then creates every table
 * with the store's own statements but empty ({@link SqlDialect#createEmptyTableAs}), so the tables
 * have exactly the columns, types, privileges, views and indexes of a refresh computed in place,
 * and {@link Computation#computeInto} copies the computed rows into them, all in the refresh's
 * transaction.
 */
public interface FullRefreshRoute {
  /**
   * Copies the data a full refresh reads out of {@code store} (inside the refresh's transaction) to
   * where it is computed, reporting its stages to {@code listener}.
   *
   * @throws dk.goalattainment.connector.core.error.ConnectorException naming the stage that failed
   */
  Computation prepare(Connection store, RefreshListener listener) throws SQLException;

  /** A full refresh ready to be computed, until closed (closing removes its files, a database). */
  interface Computation extends AutoCloseable {
    /**
     * Computes the full refresh with the data as of {@code asOf} and copies the rows of each of
     * {@code tables} (which the refresh has just created empty on {@code store}, in its
     * transaction) into them as soon as each is computed, then runs the table's statement (its
     * statistics; none when null).
     *
     * @return the rows of each table as the full refresh reports them
     * @throws dk.goalattainment.connector.core.error.ConnectorException naming the stage that
     *     failed
     */
    Map<String, Long> computeInto(
        Connection store,
        Map<String, String> tables,
        Definitions definitions,
        LocalDate asOf,
        RefreshListener listener)
        throws SQLException;

    /** Removes what the computation kept (also after a failure). */
    @Override
    void close();
  }
}
