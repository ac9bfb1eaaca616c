package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.goalattainment.connector.app.ApiProperties;
import dk.goalattainment.connector.app.ApiTokenProperties;
import dk.goalattainment.connector.core.access.Caller;
import dk.goalattainment.connector.core.access.Scope;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens from configuration: hashed, with scopes and org subtrees, checked as a whole. */
class ApiTokensTest {
  static String hash(String token) {
    return HexFormat.of().formatHex(ApiTokens.sha256(token));
  }

  @Test
  void aPresentedTokenIsMatchedByItsHash() {
    ApiTokens tokens =
        new ApiTokens(
            new ApiProperties("legacy-token-0123456789"),
            List.of(
                new ApiTokenProperties(
                    "fbu",
                    hash("fbu-token-0123456789").toUpperCase(),
                    List.of("read"),
                    List.of("FBU"))));

    Caller fbu = tokens.authenticate("fbu-token-0123456789").orElseThrow();
    Caller legacy = tokens.authenticate("legacy-token-0123456789").orElseThrow();

    assertThat(fbu.name()).isEqualTo("fbu");
    assertThat(fbu.scopes()).containsExactly(Scope.READ);
    assertThat(fbu.orgs()).containsExactly("FBU");
    assertThat(legacy.scopes()).containsExactlyInAnyOrder(Scope.values());
    assertThat(legacy.orgs()).isEmpty();
    assertThat(tokens.authenticate("fbu-token-012345678")).isEmpty();
    assertThat(tokens.authenticate(hash("fbu-token-0123456789")))
        .as("the hash is no token")
        .isEmpty();
  }

  @Test
  void withoutTokensEveryCallerIsAnonymous() {
    ApiTokens tokens = new ApiTokens(new ApiProperties(null), List.of());

    assertThat(tokens.any()).isFalse();
    assertThat(tokens.authenticate("anything")).isEmpty();
  }

  @Test
  void everyConfigurationProblemIsListedAtOnce() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                new ApiTokens(
                    new ApiProperties(null),
                    List.of(
                        new ApiTokenProperties("short", "abc", List.of("read"), null),
                        new ApiTokenProperties("noscope", hash("a"), List.of(), null),
                        new ApiTokenProperties("unknown", hash("b"), List.of("admin"), null),
                        new ApiTokenProperties(
                            "writer", hash("c"), List.of("write"), List.of("FBU")),
                        new ApiTokenProperties(
                            "path", hash("d"), List.of("read"), List.of("A/B")))));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage())
        .contains("connector.api.tokens.short.sha256 must be the 64 hex digits")
        .contains("connector.api.tokens.noscope.scopes must name at least one")
        .contains("connector.api.tokens.unknown.scopes holds an unknown scope")
        .contains("connector.api.tokens.writer: a token with the write scope cannot be limited")
        .contains("connector.api.tokens.path.orgs must hold unit ids")
        .doesNotContain(hash("a"));
  }

  @Test
  void scopesAreReadCaseInsensitively() {
    ApiTokens tokens =
        new ApiTokens(
            new ApiProperties(null),
            List.of(new ApiTokenProperties("x", hash("x-token"), List.of(" Read:Citizen "), null)));

    assertThat(tokens.authenticate("x-token").orElseThrow().scopes())
        .isEqualTo(Set.of(Scope.READ_CITIZEN));
  }
}
