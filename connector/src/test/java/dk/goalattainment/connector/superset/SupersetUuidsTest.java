package dk.goalattainment.connector.superset;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.superset.sync.SupersetKeys;
import dk.goalattainment.connector.superset.sync.Uuids;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SupersetUuidsTest {
  @Test
  void v5MatchesPythonsUuid5ForTheRfcNamespaces() {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org') and friends.
    assertThat(Uuids.v5(Uuids.NAMESPACE_DNS, "python.org"))
        .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
    assertThat(Uuids.v5(Uuids.NAMESPACE_URL, "http://python.org/"))
        .isEqualTo(UUID.fromString("4c565f0d-3f5a-5890-b41b-20cf47701c5e"));
    assertThat(Uuids.v5(Uuids.NAMESPACE_DNS, "www.example.com"))
        .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
  }

  @Test
  void v5HashesTheNameAsUtf8() {
    assertThat(Uuids.v5(Uuids.NAMESPACE_DNS, "københavn.dk"))
        .isEqualTo(UUID.fromString("bec7f87f-ae2a-50d3-85af-3118768263dc"));
  }

  @Test
  void v5IsVersionFiveWithTheRfcVariant() {
    UUID u = Uuids.v5(Uuids.NAMESPACE_URL, "anything");
    assertThat(u.version()).isEqualTo(5);
    assertThat(u.variant()).isEqualTo(2);
  }

  @Test
  void theConnectorsNamespaceAndKeysNeverChange() {
    assertThat(SupersetKeys.NAMESPACE)
        .isEqualTo(UUID.fromString("6b69cb30-df6c-5214-9541-2634ba925796"));
    assertThat(SupersetKeys.datasetKey("attainment")).isEqualTo("dataset:attainment");
    assertThat(SupersetKeys.datasetUuid("attainment"))
        .isEqualTo(UUID.fromString("1cf4f74e-8a07-540d-a5bf-54eaa21975de"));
    assertThat(SupersetKeys.metricUuid("attainment", "rate"))
        .isNotEqualTo(SupersetKeys.columnUuid("attainment", "rate"));
  }
}
