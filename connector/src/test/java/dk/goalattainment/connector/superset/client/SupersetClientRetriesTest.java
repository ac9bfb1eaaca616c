package dk.goalattainment.connector.superset.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.RetryPolicy;
import dk.goalattainment.connector.superset.fake.SupersetHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the client retries (server errors, time-outs) and what it does not (4xx), and its errors.
 */
class SupersetClientRetriesTest {
  @RegisterExtension static final SupersetHarness superset = new SupersetHarness();

  private static DatabaseRequest goals() {
    return SupersetClientTest.goals();
  }

  @Test
  void aDuplicateDatabaseFailsWithSupersets422MessageAndIsNotRetried() {
    try (SupersetClient client = superset.client()) {
      client.createDatabase(goals());
      assertThatThrownBy(() -> client.createDatabase(goals()))
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(422);
                assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILURE);
                assertThat(e.supersetMessage())
                    .isEqualTo("database_name: A database with the same name already exists.");
                assertThat(e.getMessage()).doesNotContain("db-Secret");
              });
    }
    assertThat(superset.assetWrites())
        .containsExactly("POST /api/v1/database/", "POST /api/v1/database/");
  }

  @Test
  void aServerErrorIsRetriedWithBackoffAndThenSucceeds() {
    superset.fake().failNext("GET", "/api/v1/database/", 503, 2);
    try (SupersetClient client = superset.client()) {
      assertThat(client.listDatabases()).isEmpty();
    }
    assertThat(superset.calls())
        .containsExactly(
            "POST /api/v1/security/login",
            "GET /api/v1/database/",
            "GET /api/v1/database/",
            "GET /api/v1/database/");
  }

  @Test
  void serverErrorsUntilGivingUpNameTheEndpointAndSupersetsMessage() {
    superset.fake().failNext("POST", "/api/v1/database/", 500, 10);
    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(() -> client.createDatabase(goals()))
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILURE);
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.getMessage())
                    .contains("POST /api/v1/database/", "after 3 attempt(s)", "injected fault");
              });
    }
    assertThat(superset.assetWrites()).hasSize(3);
  }

  @Test
  void aTimeoutIsRetriedAndThenSucceeds() {
    superset.fake().delayNext("GET", "/api/v1/database/", 1_500, 1);
    SupersetConfig impatient =
        superset.config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
    try (SupersetClient client = new SupersetClient(impatient)) {
      assertThat(client.listDatabases()).isEmpty();
    }
    assertThat(superset.calls())
        .containsExactly(
            "POST /api/v1/security/login", "GET /api/v1/database/", "GET /api/v1/database/");
  }

  @Test
  void timeoutsUntilGivingUpSayThatSupersetDidNotAnswer() {
    superset.fake().delayNext("GET", "/api/v1/rowlevelsecurity/", 1_000, 5);
    SupersetConfig impatient =
        superset
            .config()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(150))
            .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)));
    try (SupersetClient client = new SupersetClient(impatient)) {
      assertThatThrownBy(client::listRlsRules)
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.status()).isZero();
                assertThat(e.getMessage())
                    .contains("did not answer GET /api/v1/rowlevelsecurity/", "timed out");
              });
    }
  }

  @Test
  void forbiddenIsNotRetriedAndSurfacesSupersetsMessage() {
    superset.fake().failNext("GET", "/api/v1/database/", 403, 5);
    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(client::listDatabases)
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                assertThat(e.getMessage())
                    .contains("forbade GET /api/v1/database/", "injected fault");
              });
    }
    assertThat(superset.calls())
        .containsExactly("POST /api/v1/security/login", "GET /api/v1/database/");
  }
}
