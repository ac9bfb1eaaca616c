package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.app.ConnectorRuntime;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /health} shows its details to authenticated callers only, and the public open-data files
 * can be read from any origin while nothing else is opened to other origins.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthAndCorsTest implements TestPropertyProvider {
  static final String TOKEN = "health-token-0123456789";
  static final String ORIGIN = "https://data.example.org";
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject EmbeddedServer server;
  @Inject ConnectorRuntime runtime;
  RawHttp http;

  @Override
  public Map<String, String> getProperties() {
    return TestServers.properties("health-test", "connector.api.token", TOKEN);
  }

  @BeforeAll
  void refreshTheWorkedExample() {
    http = new RawHttp(server.getPort());
    runtime.ingest().ingest(WorkedExample.batch());
    runtime.refresh(step -> {});
  }

  @Test
  void anonymousCallersGetTheHealthStatusOnly() throws IOException {
    JsonNode anonymous = JSON.readTree(http.get("/health").body());
    JsonNode authenticated =
        JSON.readTree(
            http.send("GET", "/health", Map.of("Authorization", "Bearer " + TOKEN), null).body());

    assertThat(anonymous.get("status").asText()).isEqualTo("UP");
    assertThat(anonymous.path("details").isMissingNode() || anonymous.get("details").isNull())
        .as("no details for anonymous callers")
        .isTrue();
    assertThat(authenticated.get("status").asText()).isEqualTo("UP");
    assertThat(authenticated.get("details").fieldNames()).toIterable().contains("diskSpace");
  }

  @Test
  void theOpenDataFilesCanBeReadFromAnyOrigin() throws IOException {
    RawHttp.Answer get =
        http.send("GET", "/api/v1/opendata/metode.md", Map.of("Origin", ORIGIN), null);
    RawHttp.Answer preflight =
        http.send(
            "OPTIONS",
            "/api/v1/opendata/attainment.csv",
            Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "GET"),
            null);

    assertThat(get.status()).isEqualTo(200);
    assertThat(get.header("Access-Control-Allow-Origin")).isIn("*", ORIGIN);
    assertThat(get.header("Access-Control-Allow-Credentials")).isNull();
    assertThat(preflight.status()).isEqualTo(200);
    assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET");
  }

  @Test
  void nothingElseIsOpenedToOtherOrigins() throws IOException {
    RawHttp.Answer postPreflight =
        http.send(
            "OPTIONS",
            "/api/v1/opendata/attainment.csv",
            Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "POST"),
            null);
    RawHttp.Answer ingestPreflight =
        http.send(
            "OPTIONS",
            "/api/v1/ingest/goals",
            Map.of(
                "Origin",
                ORIGIN,
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "authorization"),
            null);

    assertThat(postPreflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(ingestPreflight.header("Access-Control-Allow-Origin")).isNull();
    for (String path :
        new String[] {
          "/api/v1/attainment?period=2018&org=SOC", "/api/v1/datasets", "/api/v1/metrics", "/health"
        }) {
      RawHttp.Answer a = http.send("GET", path, Map.of("Origin", ORIGIN), null);
      assertThat(a.header("Access-Control-Allow-Origin")).as(path).isNull();
    }
  }
}
