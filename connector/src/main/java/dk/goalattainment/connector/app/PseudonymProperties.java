package dk.goalattainment.connector.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The pseudonym key: {@code connector.pseudonym.key}, set through the environment variable {@code
 * CONNECTOR_PSEUDONYM_KEY}. Never put it in a file of the repository. Without it, a demo key is
 * generated beside the embedded database (with a warning).
 */
@ConfigurationProperties("connector.pseudonym")
public record PseudonymProperties(@Nullable String key) {
  /** Never shows the key. */
  @Override
  public String toString() {
    return "PseudonymProperties[key=" + (key == null ? "unset" : "hidden") + "]";
  }
}
