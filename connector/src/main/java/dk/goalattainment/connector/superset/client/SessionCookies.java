package dk.goalattainment.connector.superset.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cookies Superset sets, sent back on every request: the Flask {@code session} cookie carries
 * the secret the CSRF token is checked against. Expired cookies ({@code Max-Age=0} or an empty
 * value) are dropped.
 */
final class SessionCookies {
  private final Map<String, String> cookies = new LinkedHashMap<>();

  /** Keeps the cookies of a response's {@code Set-Cookie} headers. */
  void keep(List<String> setCookies) {
    for (String header : setCookies) {
      String[] parts = header.split(";");
      int eq = parts[0].indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = parts[0].substring(0, eq).trim();
      String value = parts[0].substring(eq + 1).trim();
      boolean expired = value.isEmpty();
      for (int i = 1; i < parts.length; i++) {
        String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
        if (attribute.equals("max-age=0") || attribute.startsWith("max-age=-")) {
          expired = true;
        }
      }
      if (expired) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }

  boolean isEmpty() {
    return cookies.isEmpty();
  }

  /** The {@code Cookie} header's value. */
  String header() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> c : cookies.entrySet()) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(c.getKey()).append('=').append(c.getValue());
    }
    return out.toString();
  }
}
