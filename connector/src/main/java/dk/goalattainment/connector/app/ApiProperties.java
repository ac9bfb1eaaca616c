package dk.goalattainment.connector.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The REST API: {@code connector.api.token} (env {@code CONNECTOR_API_TOKEN}), the bearer token
 * that write endpoints and citizen-grain reads require. Unset: those endpoints answer 401 to
 * everyone (except with {@code serve --demo}, which makes a token for the session).
 */
@ConfigurationProperties("connector.api")
public record ApiProperties(@Nullable String token) {
  /** Never shows the token. */
  @Override
  public String toString() {
    return "ApiProperties[token=" + (token == null || token.isBlank() ? "unset" : "hidden") + "]";
  }
}
