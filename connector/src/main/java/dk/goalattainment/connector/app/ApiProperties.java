package dk.goalattainment.connector.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The REST API: {@code connector.api.token} (env {@code CONNECTOR_API_TOKEN}), a bearer token with
 * every scope and no org limit (kept for compatibility; {@code serve --demo} makes one for the
 * session). Tokens with their own scopes and org subtrees are {@link ApiTokenProperties}. With no
 * token at all, every caller is anonymous: public, disclosure-controlled figures only.
 */
@ConfigurationProperties("connector.api")
public record ApiProperties(@Nullable String token) {
  /** Never shows the token. */
  @Override
  public String toString() {
    return "ApiProperties[token=" + (token == null || token.isBlank() ? "unset" : "hidden") + "]";
  }
}
