package dk.goalattainment.connector.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a request that failed transiently ({@link FailurePolicy}) is sent
 * again. Delays grow exponentially: {@code baseDelay}, {@code 2 × baseDelay}, {@code 4 × baseDelay}
 * …, never more than {@code maxDelay}. A server's {@code Retry-After} (on 429 and 503) replaces the
 * delay when it is at most {@code maxDelay}; a longer one ends the retries.
 *
 * @param maxAttempts attempts in all, the first included (1 = no retry)
 * @param baseDelay the pause before the second attempt
 * @param maxDelay the longest pause between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  /** Four attempts, 500 ms, 1 s and 2 s apart. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(10));

  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be 1 or more");
    }
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** The pause after failed attempt number {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is 1-based");
    }
    long factor = 1L << Math.min(attempt - 1, 30);
    Duration delay = baseDelay.multipliedBy(factor);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
