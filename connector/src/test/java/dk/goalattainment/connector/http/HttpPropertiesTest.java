package dk.goalattainment.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code connector.http.*}: defaults, overrides, and a clear error for unusable values. */
class HttpPropertiesTest {
  @Test
  void unsetValuesKeepTheirDefaultsAndSetOnesWin() {
    HttpSettings s;
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of("connector.http.read-timeout", "5m", "connector.http.max-attempts", "1"))) {
      s = context.getBean(HttpProperties.class).settings();
    }

    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.readTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.retry())
        .isEqualTo(new RetryPolicy(1, Duration.ofMillis(500), Duration.ofSeconds(10)));
  }

  @Test
  void unusableValuesAreAConfigurationErrorNamingTheProblem() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new HttpProperties(second, second, 0, second, second).settings())
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
              assertThat(e.getMessage()).contains("connector.http", "maxAttempts");
            });
    assertThatThrownBy(
            () -> new HttpProperties(second, Duration.ZERO, 4, second, second).settings())
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.getMessage()).contains("readTimeout must be positive"));
  }
}
