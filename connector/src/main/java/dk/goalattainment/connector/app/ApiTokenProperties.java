package dk.goalattainment.connector.app;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One API token, {@code connector.api.tokens.<name>}: the SHA-256 of the token in hex ({@code
 * sha256}; the token itself is never configured), its {@code scopes} ({@code read}, {@code
 * read:citizen}, {@code write}) and optionally the {@code orgs} (unit ids) whose subtrees it is
 * limited to. From the environment: {@code CONNECTOR_API_TOKENS_<NAME>_SHA256}, {@code
 * _SCOPES=read,read:citizen}, {@code _ORGS=FBU,SUV}. Checked when the service starts ({@code
 * rest.ApiTokens}); see docs/SECURITY.md.
 *
 * @param name the token's name, shown in logs instead of the token
 * @param sha256 the lower- or upper-case hex SHA-256 of the token's UTF-8 bytes
 * @param scopes what the token may do
 * @param orgs unit ids; empty or unset: every org
 */
@EachProperty("connector.api.tokens")
public record ApiTokenProperties(
    @Parameter String name,
    @Nullable String sha256,
    @Nullable List<String> scopes,
    @Nullable List<String> orgs) {
  /** Never shows the hash. */
  @Override
  public String toString() {
    return "ApiTokenProperties[name=" + name + ", scopes=" + scopes + ", orgs=" + orgs + "]";
  }
}
