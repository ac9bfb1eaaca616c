package dk.goalattainment.connector.superset.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Password handling in SQLAlchemy URIs ({@code dialect+driver://user:password@host/db}). */
public final class SqlalchemyUris {
  /** What Superset shows instead of a password ({@code PASSWORD_MASK}). */
  public static final String PASSWORD_MASK = "XXXXXXXXXX";

  private static final Pattern CREDENTIALS = Pattern.compile("^([^:/?#]+://[^:/?#@]*):([^@/?#]*)@");

  private SqlalchemyUris() {}

  /** The URI with its password, if any, replaced by {@link #PASSWORD_MASK}. */
  public static String maskPassword(String uri) {
    if (uri == null) {
      return null;
    }
    Matcher m = CREDENTIALS.matcher(uri);
    return m.find() ? m.group(1) + ":" + PASSWORD_MASK + "@" + uri.substring(m.end()) : uri;
  }

  /** The URI's password, percent-decoded, or empty when it has none. */
  public static Optional<String> password(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    Matcher m = CREDENTIALS.matcher(uri);
    if (!m.find() || m.group(2).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8));
  }
}
