package dk.goalattainment.connector.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A database the store can run on, found through {@link java.util.ServiceLoader} (like Debezium's
 * {@code DatabaseDialectProvider}): adding a database is one package with a provider and a line in
 * {@code META-INF/services/dk.goalattainment.connector.store.SqlDialectProvider}. It owns
 * everything about its database: its kind (the code {@code connector.store.kind} names), its
 * configuration records and how it opens a store from them, the SQLAlchemy URI Superset reads it
 * with, and the facts adapters need without a connection: type names, error classification, the
 * default schema BI tools see, Parquet writing.
 */
public interface SqlDialectProvider {
  /** The code {@code connector.store.kind} names this database by. */
  StoreKind kind();

  /**
   * Opens the store {@code target} names: the configured database or, for an embedded database
   * ({@link #opensFiles}), the file {@code --db} names. Stores are never created implicitly: unless
   * {@code create}, a database without the connector's tables is refused with {@code
   * STORE_NOT_FOUND}, saying how to create one; with {@code create} the schema is made. The caller
   * closes the dialect.
   */
  SqlDialect open(StoreTarget target, boolean create);

  /**
   * The SQLAlchemy URI Superset reads the store's datasets with (read-only; a password only ever
   * shown masked).
   */
  String sqlalchemyUri(StoreTarget target);

  /**
   * Whether a store of this database is one file that {@code --db} can name (an embedded database);
   * {@code --db} opens such a file whatever {@code connector.store.kind} says.
   */
  default boolean opensFiles() {
    return false;
  }

  /** Whether a SQLAlchemy URI (as Superset stores it) points at this kind of database. */
  boolean handlesSqlalchemyUri(String uri);

  /** The schema tables are created in when none is named ({@code main}, {@code public}). */
  String defaultSchema();

  /**
   * The database's name of a dataset column type family ({@code VARCHAR}, {@code INTEGER}, {@code
   * BIGINT}, {@code DOUBLE}, {@code DATE}, {@code BOOLEAN}), e.g. for casts.
   */
  String typeName(String family);

  /** Whether a failure says that the queried table does not exist. */
  boolean isMissingTable(SQLException e);

  /** A Parquet writer, when this database can write Parquet files. */
  default Optional<ParquetWriter> parquetWriter() {
    return Optional.empty();
  }
}
