package dk.goalattainment.connector.core.privacy;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Defence in depth for text that leaves the connector (error details, log lines of foreign
 * messages): hides anything shaped like a CPR number. The connector's own messages never hold
 * values; this guards text it does not write itself, such as a framework's binding error that
 * repeats a request parameter.
 */
public final class Redaction {
  private static final Pattern CPR_LIKE = Pattern.compile("(?<!\\d)\\d{6}-?\\d{4}(?!\\d)");

  private Redaction() {}

  public static String hideCprLike(String text) {
    return text == null ? null : CPR_LIKE.matcher(text).replaceAll("[skjult]");
  }

  /**
   * A random UUID that {@link #hideCprLike} leaves as it is. About one UUID in a hundred holds a
   * CPR-shaped run of digits ({@code 4f522596-3142-…}); an id the connector hands out (a refresh
   * job, a correlation id) must read the same in a problem's redacted text as in the log and the
   * URL, so such a UUID is drawn again.
   */
  public static String randomId() {
    String id;
    do {
      id = UUID.randomUUID().toString();
    } while (CPR_LIKE.matcher(id).find());
    return id;
  }
}
