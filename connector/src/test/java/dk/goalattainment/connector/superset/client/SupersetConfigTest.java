package dk.goalattainment.connector.superset.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupersetConfigTest {
  @Test
  void listsEveryProblemInOneConfigurationError() {
    assertThatThrownBy(
            () ->
                new SupersetConfig(
                    URI.create("ftp://superset"),
                    " ",
                    "",
                    null,
                    Duration.ZERO,
                    Duration.ofSeconds(-1),
                    null))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
              assertThat(e.getMessage())
                  .contains("http or https", "username", "password", "provider")
                  .contains("connectTimeout", "readTimeout", "retry");
            });
  }

  @Test
  void refusesCredentialsInTheUrl() {
    assertThatThrownBy(
            () ->
                SupersetConfig.of(
                    URI.create("https://admin:pw@superset.example"),
                    "admin",
                    "pw",
                    AuthProvider.DB))
        .hasMessageContaining("must not carry credentials");
  }

  @Test
  void neverShowsThePasswordInToString() {
    SupersetConfig config =
        SupersetConfig.of(
            URI.create("https://superset.example"), "admin", "t0p$ecret", AuthProvider.LDAP);
    assertThat(config.toString()).doesNotContain("t0p$ecret").contains("password=******");
  }

  @Test
  void keepsAPathPrefixButDropsTrailingSlashes() {
    SupersetConfig config =
        SupersetConfig.of(URI.create("https://bi.example/superset//"), "a", "b", AuthProvider.DB);
    assertThat(config.url()).isEqualTo(URI.create("https://bi.example/superset"));
  }

  @Test
  void retryDelaysDoubleUpToTheMaximum() {
    RetryPolicy p = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(350));
    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofMillis(350));
    assertThat(p.delayAfter(40)).isEqualTo(Duration.ofMillis(350));
  }

  @Test
  void sqlalchemyUriPasswordsAreMaskedLikeSupersetDoes() {
    assertThat(SqlalchemyUris.maskPassword("postgresql+psycopg2://reader:s%40cret@db:5432/goals"))
        .isEqualTo("postgresql+psycopg2://reader:XXXXXXXXXX@db:5432/goals");
    assertThat(SqlalchemyUris.password("postgresql://reader:s%40cret@db/goals")).contains("s@cret");
    assertThat(SqlalchemyUris.maskPassword("duckdb:////data/goals.duckdb?access_mode=read_only"))
        .isEqualTo("duckdb:////data/goals.duckdb?access_mode=read_only");
    assertThat(SqlalchemyUris.password("duckdb:////data/goals.duckdb")).isEmpty();
  }
}
