package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.engine.CubeStep;
import dk.goalattainment.connector.core.semantic.SqlSyntax;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A database the store runs on: how to connect, its schema, and how to load many rows fast. The
 * metric SQL itself is shared ({@link dk.goalattainment.connector.core.engine.AttainmentSql}); a
 * dialect only supplies what differs.
 */
public interface SqlDialect extends SqlSyntax, AutoCloseable {
  /** The kind of database. */
  StoreKind kind();

  /** Short name: {@code duckdb}, {@code postgres}. */
  default String name() {
    return kind().code();
  }

  /** The facts of this kind of database ({@link SqlDialects}). */
  default SqlDialectProvider provider() {
    return SqlDialects.of(kind());
  }

  /**
   * The file an embedded database keeps the store in (the demo pseudonym key lives beside it);
   * empty for a server database, whose key must be configured.
   */
  default Optional<Path> embeddedFile() {
    return Optional.empty();
  }

  /** Where the data lives, for logs and messages (never a password). */
  String describe();

  /** A new connection, in auto-commit mode; the caller closes it. */
  Connection connect() throws SQLException;

  /** Idempotent DDL that creates or upgrades the schema. */
  List<String> schemaStatements();

  /**
   * What an ingest runs on its own connection, in its transaction, before it stages rows:
   * afterwards the stage tables ({@link SchemaDdl#stageTables()}) exist for that connection and are
   * empty. By default they are tables of the schema, emptied.
   */
  default List<String> stageStatements() {
    return SchemaDdl.stageTables().stream().map(t -> "DELETE FROM " + t).toList();
  }

  /** A writer that appends rows to {@code table} on {@code connection}, within its transaction. */
  BulkWriter bulkWriter(Connection connection, String table, List<String> columns)
      throws SQLException;

  /**
   * The writer an ingest stages rows of a stage table with, within the connection's transaction;
   * the rows are in the table once the writer is closed. By default {@link #bulkWriter}.
   */
  default BulkWriter stageWriter(Connection connection, String table, List<String> columns)
      throws SQLException {
    return bulkWriter(connection, table, columns);
  }

  /**
   * Whether this dialect's {@linkplain #stageWriter stage writers} take rows encoded as CSV ({@link
   * BulkWriter#appendCsv}); an ingest then encodes its rows on the reading thread (ADR 0028). By
   * default false.
   */
  default boolean stagesCsv() {
    return false;
  }

  /**
   * The type family ({@code VARCHAR}, {@code INTEGER}, {@code BIGINT}, {@code DOUBLE}, {@code
   * DATE}, {@code BOOLEAN}) of a column type name as JDBC metadata reports it, or the name itself.
   */
  default String typeFamily(String typeName) {
    String t = typeName.toUpperCase(java.util.Locale.ROOT);
    return switch (t) {
      case "VARCHAR", "TEXT", "CHARACTER VARYING", "STRING" -> "VARCHAR";
      case "INTEGER", "INT", "INT4" -> "INTEGER";
      case "BIGINT", "INT8", "HUGEINT" -> "BIGINT";
      case "DOUBLE", "FLOAT8", "DOUBLE PRECISION" -> "DOUBLE";
      case "DATE" -> "DATE";
      case "BOOLEAN", "BOOL" -> "BOOLEAN";
      default -> t;
    };
  }

  /** The statement that creates {@code table} of a kind from a query. */
  default String createTableAs(String table, CubeStep.TableKind kind, String select) {
    return "CREATE "
        + (kind == CubeStep.TableKind.TEMPORARY ? "TEMP " : "")
        + "TABLE "
        + table
        + " AS\n"
        + select;
  }

  /**
   * The statement that creates {@code table} as {@link #createTableAs} does, with the same columns
   * and types but no rows: a full refresh computed in another database (ADR 0027) fills it.
   */
  default String createEmptyTableAs(String table, CubeStep.TableKind kind, String select) {
    return createTableAs(table, kind, select) + "\nWITH NO DATA";
  }

  /**
   * Where this store's full refresh is computed when not by its own SQL (ADR 0027: PostgreSQL's in
   * an embedded DuckDB); empty: by the statements of this dialect. An incremental refresh always
   * runs here.
   */
  default java.util.Optional<FullRefreshRoute> fullRefreshRoute() {
    return java.util.Optional.empty();
  }

  /**
   * Statements run right after the refresh created {@code table} of a kind (none by default). On
   * PostgreSQL the engine's own tables are kept from readers: default privileges meant for the
   * dataset tables (docs/POSTGRES.md) would otherwise grant Superset's reader the per-goal state,
   * pseudonyms included.
   */
  default List<String> afterCreate(String table, CubeStep.TableKind kind) {
    return List.of();
  }

  /**
   * The statement that refreshes the planner's statistics of a table the refresh just created, or
   * null when none is needed; by default {@link #analyze(String)} whatever the kind.
   */
  default String analyze(String table, CubeStep.TableKind kind) {
    return analyze(table);
  }

  /**
   * Whether the datasets get B-tree indexes on their slice keys: PostgreSQL needs them to read one
   * slice fast; DuckDB scans a column store with zone maps and pays for an index on every write.
   */
  default boolean indexesDatasets() {
    return true;
  }

  /**
   * Statements to run right before the refresh creates a table of this kind (e.g. a planner setting
   * for that one statement, undone by {@link #afterCreate}); by default none.
   */
  default List<String> beforeCreate(String table, CubeStep.TableKind kind) {
    return List.of();
  }

  /**
   * Whether a {@code CREATE TABLE … AS} reports the rows it wrote as its update count, so that the
   * refresh need not count them again ({@code SELECT COUNT(*)}: 0.5 s of a full refresh at 1 M
   * follow-ups on PostgreSQL). By default false: the refresh counts.
   */
  default boolean reportsCreatedRows() {
    return false;
  }

  /** Statements that tune the refresh's own transaction (e.g. memory for its hash tables). */
  default List<String> refreshSettings() {
    return List.of();
  }

  /** Statements a full refresh runs first (after dropping the cube's view). */
  default List<String> beforeFullRefresh() {
    return List.of();
  }

  /**
   * Takes the store-wide refresh lock on the refresh's connection (held until its transaction
   * ends), or answers false when another process holds it. A dialect whose database only one
   * process can write to needs no lock beyond the store's own.
   */
  default boolean tryLockRefresh(Connection connection) throws SQLException {
    return true;
  }

  /** Releases what the dialect holds (the embedded database, a pool). */
  @Override
  void close();
}
