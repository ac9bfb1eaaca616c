package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The dialect providers on the class path ({@link SqlDialectProvider}), loaded once. */
public final class SqlDialects {
  private static final List<SqlDialectProvider> PROVIDERS =
      ServiceLoader.load(SqlDialectProvider.class, SqlDialects.class.getClassLoader()).stream()
          .map(ServiceLoader.Provider::get)
          .toList();

  private SqlDialects() {}

  /** Every provider found. */
  public static List<SqlDialectProvider> all() {
    return PROVIDERS;
  }

  /** The provider of a kind of store. */
  public static SqlDialectProvider of(StoreKind kind) {
    return PROVIDERS.stream()
        .filter(p -> p.kind() == kind)
        .findFirst()
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorCode.CONFIGURATION_INVALID,
                    "No SQL dialect provider for " + kind.code() + " is on the class path."));
  }

  /** The provider whose database a SQLAlchemy URI points at, if any. */
  public static Optional<SqlDialectProvider> forSqlalchemyUri(String uri) {
    return PROVIDERS.stream().filter(p -> p.handlesSqlalchemyUri(uri)).findFirst();
  }

  /** The first provider that writes Parquet. */
  public static ParquetWriter parquetWriter() {
    return PROVIDERS.stream()
        .flatMap(p -> p.parquetWriter().stream())
        .findFirst()
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorCode.CONFIGURATION_INVALID, "No Parquet writer is on the class path."));
  }
}
