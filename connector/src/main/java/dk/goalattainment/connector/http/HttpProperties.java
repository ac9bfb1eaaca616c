package dk.goalattainment.connector.http;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Timeouts and retries of the calls to Superset and CKAN ({@code connector.http.*}, env {@code
 * CONNECTOR_HTTP_*}): {@code connect-timeout} (default 10s), {@code read-timeout} (60s), {@code
 * max-attempts} (4, the first included), {@code retry-delay} (500ms, doubled after every failed
 * attempt) and {@code max-retry-delay} (10s, also the longest {@code Retry-After} honoured).
 */
@ConfigurationProperties("connector.http")
public record HttpProperties(
    @Bindable(defaultValue = "10s") Duration connectTimeout,
    @Bindable(defaultValue = "60s") Duration readTimeout,
    @Bindable(defaultValue = "4") int maxAttempts,
    @Bindable(defaultValue = "500ms") Duration retryDelay,
    @Bindable(defaultValue = "10s") Duration maxRetryDelay) {

  /**
   * The settings these properties describe; a {@code CONFIGURATION_INVALID} error naming every
   * problem when they are unusable.
   */
  public HttpSettings settings() {
    RetryPolicy retry;
    try {
      retry = new RetryPolicy(maxAttempts, retryDelay, maxRetryDelay);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "connector.http is unusable: "
              + e.getMessage()
              + " (max-attempts at least 1, retry delays not negative)");
    }
    return new HttpSettings(connectTimeout, readTimeout, retry);
  }
}
