package dk.goalattainment.connector.store.postgres;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL store is: a JDBC URL with the role and password to log in with. It is made
 * from either form operators have at hand: {@code jdbc:postgresql://host:5432/db?…} as pgjdbc takes
 * it, or a libpq-style URL {@code postgresql://[user[:password]@]host[:port][/db][?…]} (also {@code
 * postgres://}), whose user and password are used unless given separately. Anything else is refused
 * with a message that never repeats the URL (it may hold a password).
 *
 * @param jdbcUrl the pgjdbc URL
 * @param user the role to log in as; null when the URL or the driver's defaults name it
 * @param password its password; null for none
 */
public record PostgresUrl(String jdbcUrl, String user, String password) {
  private static final String JDBC_PREFIX = "jdbc:postgresql:";

  private static final Pattern LIBPQ =
      Pattern.compile(
          "(?i)postgres(?:ql)?://(?:(?<user>[^:@/?#]*)(?::(?<password>[^@/?#]*))?@)?"
              + "(?<hosts>[^/?#]*)(?:/(?<db>[^?#]*))?(?<query>\\?[^#]*)?");

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]{0,20}):");

  /**
   * The target named by {@code url}; {@code user} and {@code password}, when set, win over those in
   * a libpq-style URL.
   *
   * @throws ConnectorException CONFIGURATION_INVALID for a missing or unusable URL
   */
  public static PostgresUrl parse(String url, String user, String password) {
    if (url == null || url.isBlank()) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "connector.store.kind is postgres: set CONNECTOR_STORE_POSTGRES_URL (and _USER,"
              + " _PASSWORD), e.g. jdbc:postgresql://localhost:5432/connector or"
              + " postgresql://connector@localhost:5432/connector.");
    }
    String u = url.strip();
    if (u.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
      return new PostgresUrl(u, blankToNull(user), password);
    }
    Matcher m = LIBPQ.matcher(u);
    if (m.matches()) {
      if (m.group("hosts").isBlank()) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "The PostgreSQL URL names no host (a Unix socket is not supported): give"
                + " postgresql://host:5432/database.");
      }
      String db = m.group("db") == null ? "" : m.group("db");
      String query = m.group("query") == null ? "" : m.group("query");
      String jdbc = JDBC_PREFIX + "//" + m.group("hosts") + "/" + db + query;
      return new PostgresUrl(
          jdbc,
          blankToNull(user) != null ? user : blankToNull(decode(m.group("user"))),
          password != null ? password : decode(m.group("password")));
    }
    Matcher scheme = SCHEME.matcher(u);
    throw new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID,
        "connector.store.postgres.url (CONNECTOR_STORE_POSTGRES_URL) must be a PostgreSQL URL:"
            + " jdbc:postgresql://host:5432/database or"
            + " postgresql://[user[:password]@]host[:port]/database"
            + (scheme.find() ? "; this one starts with '" + scheme.group(1) + ":'." : "."));
  }

  /** The server and database as pgjdbc reads the URL. */
  public Server server() {
    Properties p = org.postgresql.Driver.parseURL(jdbcUrl, new Properties());
    if (p == null) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "pgjdbc cannot read the PostgreSQL URL " + describe(jdbcUrl) + ".");
    }
    return new Server(
        p.getProperty("PGHOST"),
        p.getProperty("PGPORT"),
        p.getProperty("PGDBNAME"),
        Optional.ofNullable(p.getProperty("sslmode")));
  }

  /**
   * Host(s), port(s) and database of a URL, as pgjdbc reads them.
   *
   * @param hosts one host, or several separated by commas
   * @param ports the port of each host, separated by commas
   * @param sslMode the URL's {@code sslmode}, if set
   */
  public record Server(String hosts, String ports, String database, Optional<String> sslMode) {
    /** Whether the URL names more than one host (failover). */
    public boolean multiHost() {
      return hosts.contains(",");
    }
  }

  /** The URL without its parameters (they may hold a password), for messages. */
  public static String describe(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "PostgresUrl["
        + describe(jdbcUrl)
        + ", user="
        + user
        + ", password="
        + (password == null ? "unset" : "hidden")
        + "]";
  }

  private static String decode(String s) {
    return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
