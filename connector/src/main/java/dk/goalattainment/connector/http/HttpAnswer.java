package dk.goalattainment.connector.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A response read in full: status, headers (names case-insensitive) and body as text, and the
 * number of the attempt that got it (1 when no retry was needed).
 */
public record HttpAnswer(int status, String body, Map<String, List<String>> headers, int attempts) {
  public HttpAnswer {
    body = body == null ? "" : body;
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = copy;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every value of a header (e.g. {@code Set-Cookie}), possibly none. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /**
   * How long the server asked to wait ({@code Retry-After}: seconds or an HTTP date), if it did.
   */
  public Optional<Duration> retryAfter() {
    String value = header("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.chars().allMatch(c -> c >= '0' && c <= '9') && v.length() <= 9) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(Instant.now(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * For a refusal that came after a retry: a note that an earlier attempt may have been applied (so
   * that "already exists" is understood); empty after one attempt.
   */
  public String retryNote() {
    return attempts <= 1
        ? ""
        : " (on attempt " + attempts + "; an earlier attempt may have been applied)";
  }
}
