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

  /**
   * The provider of the kind {@code connector.store.kind} names (case and surrounding blanks
   * ignored).
   *
   * @throws ConnectorException CONFIGURATION_INVALID naming the kinds on the class path
   */
  public static SqlDialectProvider configured(String code) {
    String wanted = code == null ? "" : code.strip();
    return PROVIDERS.stream()
        .filter(p -> p.kind().code().equalsIgnoreCase(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorCode.CONFIGURATION_INVALID,
                    "connector.store.kind must be " + kinds() + " (got '" + code + "')"));
  }

  /**
   * The opened {@code dialect} when it holds the connector's tables or {@code create} (its schema
   * is made later); else it is closed and the opening refused with {@code STORE_NOT_FOUND} and
   * {@code notAStore}'s message.
   */
  public static SqlDialect requireStore(
      SqlDialect dialect, boolean create, java.util.function.Supplier<String> notAStore) {
    try {
      if (!create && !JdbcStore.isStore(dialect)) {
        throw new ConnectorException(ErrorCode.STORE_NOT_FOUND, notAStore.get());
      }
      return dialect;
    } catch (RuntimeException e) {
      dialect.close();
      throw e;
    }
  }

  /** The provider of the embedded database whose files {@code --db} names. */
  public static SqlDialectProvider fileStores() {
    return PROVIDERS.stream()
        .filter(SqlDialectProvider::opensFiles)
        .findFirst()
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorCode.CONFIGURATION_INVALID,
                    "No embedded database is on the class path: --db cannot be used."));
  }

  /** The kinds on the class path, in order: {@code duckdb or postgres}. */
  private static String kinds() {
    List<String> codes = PROVIDERS.stream().map(p -> p.kind().code()).sorted().toList();
    if (codes.size() < 2) {
      return String.join("", codes);
    }
    return String.join(", ", codes.subList(0, codes.size() - 1))
        + " or "
        + codes.get(codes.size() - 1);
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
