package dk.goalattainment.connector.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A database the store can run on, found through {@link java.util.ServiceLoader} (like Debezium's
 * {@code DatabaseDialectProvider}): adding a database is one package with a provider and a line in
 * {@code META-INF/services/dk.goalattainment.connector.store.SqlDialectProvider}. It holds the
 * facts of its database that adapters need without a connection: type names, error classification,
 * the default schema BI tools see, Parquet writing.
 */
public interface SqlDialectProvider {
  StoreKind kind();

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
