package dk.goalattainment.connector.store.postgres;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.store.SqlDialect;
import dk.goalattainment.connector.store.SqlDialectProvider;
import dk.goalattainment.connector.store.SqlDialects;
import dk.goalattainment.connector.store.StoreKind;
import dk.goalattainment.connector.store.StoreTarget;
import dk.goalattainment.connector.store.duckdb.DuckDbProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;

/**
 * PostgreSQL, a server: the store is the database {@code connector.store.postgres.*} names ({@link
 * PostgresProperties}), through a connection pool; {@code public} schema, {@code DOUBLE PRECISION},
 * SQLState 42P01.
 */
public final class PostgresDialectProvider implements SqlDialectProvider {
  /** {@code postgres}. */
  public static final StoreKind KIND = new StoreKind("postgres");

  @Override
  public StoreKind kind() {
    return KIND;
  }

  /**
   * Connects to the configured database. There is no demo key for a server database: the pseudonym
   * key must be configured, and is looked up when it is first needed (ingest, serve).
   */
  @Override
  public SqlDialect open(StoreTarget target, boolean create) {
    PostgresDialect dialect =
        target
            .settings()
            .get(PostgresProperties.class)
            .open(target.settings().get(DuckDbProperties.class).settings());
    return SqlDialects.requireStore(
        dialect,
        create,
        () ->
            dialect.describe()
                + " has no connector tables: is this the right database? Create the store"
                + " with `connector init` (or `connector ingest --create`), see"
                + " docs/POSTGRES.md.");
  }

  /**
   * {@code postgresql+psycopg2://READER[:PASSWORD]@host:port/db} with the read-only role {@code
   * connector.store.postgres.reader-user} and its password {@code .reader-password}
   * (docs/POSTGRES.md), and the URL's {@code sslmode}.
   */
  @Override
  public String sqlalchemyUri(StoreTarget target) {
    PostgresProperties postgres = target.settings().get(PostgresProperties.class);
    PostgresUrl.Server server = postgres.target().server();
    if (server.multiHost()) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "The PostgreSQL URL names several hosts: give Superset's URI with --database-uri.");
    }
    String reader = postgres.readerUser();
    String password = postgres.readerPassword();
    return "postgresql+psycopg2://"
        + uriEncode(reader)
        + (password == null || password.isEmpty() ? "" : ":" + uriEncode(password))
        + "@"
        + server.hosts()
        + ":"
        + server.ports()
        + "/"
        + uriEncode(server.database())
        + server.sslMode().map(m -> "?sslmode=" + uriEncode(m)).orElse("");
  }

  private static String uriEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public boolean handlesSqlalchemyUri(String uri) {
    return uri != null && uri.toLowerCase(Locale.ROOT).startsWith("postgres");
  }

  @Override
  public String defaultSchema() {
    return "public";
  }

  @Override
  public String typeName(String family) {
    return "DOUBLE".equals(family) ? "DOUBLE PRECISION" : family;
  }

  /** undefined_table. */
  @Override
  public boolean isMissingTable(SQLException e) {
    return "42P01".equals(e.getSQLState());
  }
}
