package dk.goalattainment.connector.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void cprShapedTextIsHiddenWithOrWithoutItsDash() {
    assertThat(Redaction.hideCprLike("cpr 010180-1234 and 0101801234, id 12345678901"))
        .isEqualTo("cpr [skjult] and [skjult], id 12345678901");
  }

  @Test
  void aRandomUuidCanLookLikeACprNumber() {
    String uuid = "4f522596-3142-4156-9331-7dad90063864";

    assertThat(UUID.fromString(uuid).toString()).isEqualTo(uuid);
    assertThat(Redaction.hideCprLike(uuid)).isEqualTo("4f[skjult]-4156-9331-7dad90063864");
  }

  @Test
  void theIdsTheConnectorHandsOutAreUuidsThatRedactionLeavesAsTheyAre() {
    IntStream.range(0, 20_000)
        .mapToObj(i -> Redaction.randomId())
        .forEach(
            id -> {
              assertThat(UUID.fromString(id).toString()).isEqualTo(id);
              assertThat(Redaction.hideCprLike(id)).isEqualTo(id);
            });
  }
}
