package dk.goalattainment.connector.opendata;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.HttpSettings;
import dk.goalattainment.connector.http.RetryPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CKAN's calls under the same retry, timeout and error policy as Superset's. */
class CkanRetriesTest {
  private static final HttpSettings FAST =
      new HttpSettings(
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
  private static final String OK =
      "{\"success\": true, \"result\": {\"id\": \"res-1\", \"name\": \"attainment.csv\"}}";

  private static WireMockServer ckan;

  @TempDir Path dir;
  private Path csv;

  @BeforeAll
  static void startCkan() {
    ckan = new WireMockServer(options().dynamicPort());
    ckan.start();
  }

  @AfterAll
  static void stopCkan() {
    ckan.stop();
  }

  @BeforeEach
  void reset() throws Exception {
    ckan.resetAll();
    csv = dir.resolve("attainment.csv");
    Files.writeString(csv, "period,org_unit,citizens\n2018-Q4,SOC,12\n");
  }

  /** {@code action} fails once as given, then succeeds. */
  private static void failOnce(String action, ResponseDefinitionBuilder failure) {
    ckan.stubFor(
        post(urlEqualTo("/api/3/action/" + action))
            .inScenario(action)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(failure)
            .willSetStateTo("failed"));
    ckan.stubFor(
        post(urlEqualTo("/api/3/action/" + action))
            .inScenario(action)
            .whenScenarioStateIs("failed")
            .willReturn(aResponse().withStatus(200).withBody(OK)));
  }

  private static int calls(String action) {
    return ckan.findAll(postRequestedFor(urlEqualTo("/api/3/action/" + action))).size();
  }

  private JsonNodeResult upload(String action) {
    try (CkanClient client = new CkanClient(URI.create(ckan.baseUrl()), "token", FAST)) {
      return new JsonNodeResult(
          client
              .callWithUpload(action, Map.of("id", "res-1"), csv, "attainment.csv", "text/csv")
              .path("id")
              .asText());
    }
  }

  private record JsonNodeResult(String id) {}

  @Test
  void anUploadThatReplacesAFileIsSentAgainWhenTheConnectionIsReset() throws Exception {
    failOnce("resource_patch", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThat(upload("resource_patch").id()).isEqualTo("res-1");

    assertThat(calls("resource_patch")).isEqualTo(2);
    ckan.verify(
        2,
        postRequestedFor(urlEqualTo("/api/3/action/resource_patch"))
            .withRequestBodyPart(
                aMultipart()
                    .withName("upload")
                    .withBody(binaryEqualTo(Files.readAllBytes(csv)))
                    .build()));
  }

  @Test
  void aNewResourceIsSentAgainWhenCkanWasUnavailable() {
    failOnce("resource_create", aResponse().withStatus(503).withBody("<h1>unavailable</h1>"));

    assertThat(upload("resource_create").id()).isEqualTo("res-1");
    assertThat(calls("resource_create")).isEqualTo(2);
  }

  @Test
  void aNewResourceWhoseAnswerWasLostIsNotSentAgainSinceCkanWouldStoreItTwice() {
    failOnce("resource_create", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThatThrownBy(() -> upload("resource_create"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILURE);
              assertThat(e.getMessage())
                  .contains("resource_create after 1 attempt(s)")
                  .contains("CKAN may have applied it; publishing again finds what is there")
                  .doesNotContain("token");
            });
    assertThat(calls("resource_create")).isEqualTo(1);
  }

  @Test
  void readsAndPatchesAreRetriedOnABadGatewayAndTheReadTimeoutIsHonoured() {
    failOnce("package_patch", aResponse().withStatus(502));
    ckan.stubFor(
        post(urlEqualTo("/api/3/action/package_show"))
            .willReturn(aResponse().withFixedDelay(3_000).withBody(OK)));
    HttpSettings impatient = FAST.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200));
    ObjectMapper json = new ObjectMapper();

    long started = System.nanoTime();
    try (CkanClient client = new CkanClient(URI.create(ckan.baseUrl()), "token", impatient)) {
      assertThat(client.call("package_patch", json.createObjectNode().put("id", "p")).path("id"))
          .hasToString("\"res-1\"");
      assertThatThrownBy(() -> client.packageShow("maalopfyldelse"))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e ->
                  assertThat(e.getMessage())
                      .contains("could not be reached for package_show after 3 attempt(s)")
                      .contains("timed out"));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(calls("package_patch")).isEqualTo(2);
    assertThat(calls("package_show")).isEqualTo(3);
  }

  @Test
  void aValidationErrorAfterARetrySaysThatTheFirstAttemptMayHaveBeenApplied() {
    ckan.stubFor(
        post(urlEqualTo("/api/3/action/package_create"))
            .inScenario("create")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(504))
            .willSetStateTo("created"));
    ckan.stubFor(
        post(urlEqualTo("/api/3/action/package_create"))
            .inScenario("create")
            .whenScenarioStateIs("created")
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withBody(
                        "{\"success\": false, \"error\": {\"__type\": \"Validation Error\","
                            + " \"name\": [\"That URL is already in use.\"]}}")));

    try (CkanClient client = new CkanClient(URI.create(ckan.baseUrl()), "token", FAST)) {
      assertThatThrownBy(
              () ->
                  client.call(
                      "package_create", new ObjectMapper().createObjectNode().put("name", "x")))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                assertThat(e.getMessage())
                    .contains("That URL is already in use.")
                    .contains("on attempt 2; an earlier attempt may have been applied");
              });
    }
    ckan.verify(
        2,
        postRequestedFor(urlEqualTo("/api/3/action/package_create"))
            .withHeader("Authorization", equalTo("token")));
  }

  @Test
  void aRedirectIsNeverFollowedAndSaysWhichUrlToGive() {
    ckan.stubFor(
        post(urlEqualTo("/api/3/action/package_show"))
            .willReturn(
                aResponse()
                    .withStatus(301)
                    .withHeader("Location", "https://ckan.example/api/3/action/package_show")));

    try (CkanClient client = new CkanClient(URI.create(ckan.baseUrl()), "token", FAST)) {
      assertThatThrownBy(() -> client.packageShow("maalopfyldelse"))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e ->
                  assertThat(e.getMessage())
                      .contains("redirected package_show (HTTP 301) to https://ckan.example/")
                      .contains("give the URL CKAN is served at"));
    }
    assertThat(calls("package_show")).isEqualTo(1);
  }
}
