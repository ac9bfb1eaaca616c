package dk.goalattainment.connector.superset.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.superset.fake.SupersetHarness;
import dk.goalattainment.connector.superset.fake.TestBundles;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Superset's requests under the shared HTTP policy: what is repeated and what is sent once. */
class SupersetTransientFailuresTest {
  @RegisterExtension static final SupersetHarness superset = new SupersetHarness();

  @Test
  void aReadWhoseConnectionIsResetIsSentAgain() {
    superset.fake().resetNext("GET", "/api/v1/database/", 1);
    try (SupersetClient client = superset.client()) {
      assertThat(client.listDatabases()).isEmpty();
    }
    assertThat(superset.calls())
        .containsExactly(
            "POST /api/v1/security/login", "GET /api/v1/database/", "GET /api/v1/database/");
  }

  @Test
  void aGatewayTimeoutOnACreateIsRetriedSinceSupersetRefusesASecondRoleOfOneName() {
    try (SupersetClient client = superset.client()) {
      int role = client.createRole("Målopfyldelse FBU");
      superset.fake().failNext("POST", "/api/v1/security/roles/", 504, 1);
      int other = client.createRole("Målopfyldelse SUV");
      assertThat(client.listRoles()).extracting(Role::id).contains(role, other);
    }
    assertThat(superset.assetWrites())
        .containsExactly(
            "POST /api/v1/security/roles/",
            "POST /api/v1/security/roles/",
            "POST /api/v1/security/roles/");
  }

  @Test
  void anImportWhoseConnectionIsResetIsSentOnceAndSaysSo() {
    superset.fake().resetNext("POST", "/api/v1/assets/import/", 1);
    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(() -> client.importAssets(bundle(), Map.of()))
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.status()).isZero();
                assertThat(e.getMessage())
                    .contains("could not import the bundle (no answer)", "not sent again");
              });
    }
    assertThat(superset.calls())
        .filteredOn(c -> c.equals("POST /api/v1/assets/import/"))
        .hasSize(1);
  }

  @Test
  void anImportAnsweredWithAServerErrorIsNotSentAgainEvenWhenTheErrorLooksTransient() {
    superset.fake().failNext("POST", "/api/v1/assets/import/", 503, 1);
    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(() -> client.importAssets(bundle(), Map.of()))
          .isInstanceOfSatisfying(
              SupersetApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    }
    assertThat(superset.calls())
        .filteredOn(c -> c.equals("POST /api/v1/assets/import/"))
        .hasSize(1);
    assertThat(superset.fake().importedFiles()).isEmpty();
  }

  private static byte[] bundle() {
    return TestBundles.oneDatabase(true);
  }
}
