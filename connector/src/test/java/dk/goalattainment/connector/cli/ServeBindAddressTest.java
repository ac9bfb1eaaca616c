package dk.goalattainment.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where {@code connector serve} listens. */
class ServeBindAddressTest {
  @Test
  void theDemoListensOnLoopbackUnlessToldOtherwise() {
    assertThat(ServeCommand.bindAddress(null, null, true)).isEqualTo("127.0.0.1");
    assertThat(ServeCommand.bindAddress(null, "0.0.0.0", true)).isEqualTo("0.0.0.0");
    assertThat(ServeCommand.bindAddress("192.0.2.7", "0.0.0.0", true)).isEqualTo("192.0.2.7");
  }

  @Test
  void theServiceListensWhereConfiguredOrOnEveryInterface() {
    assertThat(ServeCommand.bindAddress(null, null, false)).isNull();
    assertThat(ServeCommand.bindAddress(null, " 10.0.0.5 ", false)).isEqualTo("10.0.0.5");
    assertThat(ServeCommand.bindAddress("127.0.0.1", null, false)).isEqualTo("127.0.0.1");
  }
}
