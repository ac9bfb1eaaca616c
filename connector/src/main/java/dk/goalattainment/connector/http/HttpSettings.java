package dk.goalattainment.connector.http;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Timeouts and retries of the calls to one remote service (Superset, CKAN). Validated on
 * construction: every problem in one {@link ErrorCode#CONFIGURATION_INVALID} error.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the next data of a response (a slow import included)
 * @param retry how often and how patiently a transient failure is repeated
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {
  /** Ten seconds to connect. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Sixty seconds for a response: an assets import can take a while. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** The defaults: 10 s to connect, 60 s to read, {@link RetryPolicy#DEFAULT}. */
  public static final HttpSettings DEFAULT =
      new HttpSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, RetryPolicy.DEFAULT);

  public HttpSettings {
    List<String> problems = problems(connectTimeout, readTimeout, retry);
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID, "Invalid HTTP settings: " + String.join("; ", problems));
    }
  }

  /** What is wrong with these values, if anything (for configurations that list every problem). */
  public static List<String> problems(
      Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {
    List<String> problems = new ArrayList<>();
    if (connectTimeout == null || connectTimeout.isZero() || connectTimeout.isNegative()) {
      problems.add("connectTimeout must be positive");
    }
    if (readTimeout == null || readTimeout.isZero() || readTimeout.isNegative()) {
      problems.add("readTimeout must be positive");
    }
    if (retry == null) {
      problems.add("retry is required");
    }
    return problems;
  }

  /** The same settings with another retry policy. */
  public HttpSettings withRetry(RetryPolicy newRetry) {
    return new HttpSettings(connectTimeout, readTimeout, newRetry);
  }

  /** The same settings with other timeouts. */
  public HttpSettings withTimeouts(Duration newConnectTimeout, Duration newReadTimeout) {
    return new HttpSettings(newConnectTimeout, newReadTimeout, retry);
  }
}
