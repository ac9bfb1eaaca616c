package dk.goalattainment.connector.opendata;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.HttpSettings;
import dk.goalattainment.connector.http.RetryPolicy;
import dk.goalattainment.connector.opendata.PublishReport.Action;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CkanPublisherTest {
  private static final String TOKEN = "secret-token-123";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The default policy with 1 ms pauses, so that a test of a failing CKAN takes no seconds. */
  private static final HttpSettings FAST =
      HttpSettings.DEFAULT.withRetry(
          new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)));

  private static WireMockServer ckan;

  @TempDir Path dir;
  private CkanPublisher publisher;
  private CkanDataset dataset;

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
  void start() throws Exception {
    ckan.resetAll();
    publisher = new CkanPublisher(new CkanClient(URI.create(ckan.baseUrl()), TOKEN, FAST));
    Files.writeString(dir.resolve("attainment.csv"), "period,org_unit,citizens\n2018-Q4,SOC,12\n");
    Files.writeString(dir.resolve("attainment.json"), "[{\"period\":\"2018-Q4\"}]");
    Files.write(dir.resolve("attainment.parquet"), new byte[] {'P', 'A', 'R', '1', 0, 1, 2});
    dataset = dataset("Beregnet 23. november 2026.");
  }

  private CkanDataset dataset(String notes) {
    return new CkanDataset(
        "maalopfyldelse-handleplaner",
        "aarhus-kommune",
        "Målopfyldelse i handleplaner",
        notes,
        CkanDataset.LICENSE_CC_BY,
        List.of("målopfyldelse", "handleplan"),
        Map.of("suppression_threshold", "5"),
        List.of(
            CkanResource.of(dir.resolve("attainment.csv"), DataFormat.CSV, "Målopfyldelse (CSV)"),
            CkanResource.of(
                dir.resolve("attainment.json"), DataFormat.JSON, "Målopfyldelse (JSON)"),
            CkanResource.of(
                dir.resolve("attainment.parquet"), DataFormat.PARQUET, "Målopfyldelse (Parquet)")));
  }

  private void answer(String action, int status, Object body) {
    ckan.stubFor(
        post(urlEqualTo("/api/3/action/" + action))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json;charset=utf-8")
                    .withBody(body.toString())));
  }

  private static ObjectNode ok(Object result) {
    ObjectNode n = JSON.createObjectNode().put("help", "https://ckan/api/3/action/help_show");
    n.put("success", true);
    n.set("result", JSON.valueToTree(result));
    return n;
  }

  private static ObjectNode error(String type, Map<String, Object> fields) {
    ObjectNode n = JSON.createObjectNode().put("help", "https://ckan/api/3/action/help_show");
    n.put("success", false);
    ObjectNode e = n.putObject("error").put("__type", type);
    fields.forEach((k, v) -> e.set(k, JSON.valueToTree(v)));
    return n;
  }

  /** The dataset as CKAN would show it after a first publish, with the given notes. */
  private ObjectNode stored(String notes, boolean withResources) {
    ObjectNode p = JSON.createObjectNode();
    p.put("id", "pkg-1");
    p.put("name", dataset.name());
    p.put("title", dataset.title());
    p.put("notes", notes);
    p.put("license_id", "cc-by");
    p.put("owner_org", "0c5ca3c4-org");
    p.putObject("organization").put("id", "0c5ca3c4-org").put("name", "aarhus-kommune");
    p.put("private", false);
    ArrayNode tags = p.putArray("tags");
    dataset.tags().forEach(t -> tags.addObject().put("name", t).put("id", "t-" + t));
    ArrayNode extras = p.putArray("extras");
    extras.addObject().put("key", "suppression_threshold").put("value", "5");
    extras.addObject().put("key", "kept_by_ckan_admin").put("value", "x");
    ArrayNode resources = p.putArray("resources");
    if (withResources) {
      for (CkanResource r : dataset.resources()) {
        String sha = CkanPublisher.sha256(r.file());
        resources
            .addObject()
            .put("id", "res-" + r.name())
            .put("package_id", "pkg-1")
            .put("name", r.name())
            .put("description", r.description())
            .put("format", r.format())
            .put("mimetype", r.mediaType())
            .put(
                "url",
                "https://ckan/dataset/pkg-1/resource/res-" + r.name() + "/download/" + r.name())
            .put("url_type", "upload")
            .put("hash", sha)
            .put(CkanPublisher.SHA256_FIELD, sha);
      }
    }
    return p;
  }

  private int calls(String action) {
    return ckan.findAll(postRequestedFor(urlEqualTo("/api/3/action/" + action))).size();
  }

  @Test
  void theFirstRunCreatesTheDatasetAndUploadsEveryFile() throws Exception {
    answer("package_show", 404, error("Not Found Error", Map.of("message", "Not found")));
    answer("package_create", 200, ok(stored(dataset.notes(), false)));
    answer("resource_create", 200, ok(Map.of("id", "res-new")));

    PublishReport report = publisher.publish(dataset, false);

    assertThat(report.steps())
        .extracting(PublishReport.Step::action)
        .containsExactly(
            Action.CREATE_DATASET,
            Action.CREATE_RESOURCE,
            Action.CREATE_RESOURCE,
            Action.CREATE_RESOURCE);
    ckan.verify(
        postRequestedFor(urlEqualTo("/api/3/action/package_create"))
            .withHeader("Authorization", equalTo(TOKEN))
            .withRequestBody(matchingJsonPath("$.name", equalTo("maalopfyldelse-handleplaner")))
            .withRequestBody(matchingJsonPath("$.owner_org", equalTo("aarhus-kommune")))
            .withRequestBody(matchingJsonPath("$.license_id", equalTo("cc-by")))
            .withRequestBody(matchingJsonPath("$.tags[0].name", equalTo("målopfyldelse"))));
    byte[] csv = Files.readAllBytes(dir.resolve("attainment.csv"));
    ckan.verify(
        postRequestedFor(urlEqualTo("/api/3/action/resource_create"))
            .withHeader("Authorization", equalTo(TOKEN))
            .withHeader("Content-Type", containing("multipart/form-data; boundary="))
            .withRequestBodyPart(
                aMultipart()
                    .withName("upload")
                    .withHeader("Content-Disposition", containing("filename=\"attainment.csv\""))
                    .withHeader("Content-Type", equalTo("text/csv"))
                    .withBody(binaryEqualTo(csv))
                    .build())
            .withRequestBodyPart(
                aMultipart().withName("package_id").withBody(equalTo("pkg-1")).build())
            .withRequestBodyPart(
                aMultipart()
                    .withName("description")
                    .withBody(equalTo("Målopfyldelse (CSV)"))
                    .build())
            .withRequestBodyPart(
                aMultipart()
                    .withName("sha256")
                    .withBody(equalTo(CkanPublisher.sha256(dir.resolve("attainment.csv"))))
                    .build()));
    byte[] parquet = Files.readAllBytes(dir.resolve("attainment.parquet"));
    ckan.verify(
        postRequestedFor(urlEqualTo("/api/3/action/resource_create"))
            .withRequestBodyPart(
                aMultipart().withName("upload").withBody(binaryEqualTo(parquet)).build()));
    assertThat(calls("resource_create")).isEqualTo(3);
  }

  @Test
  void aSecondRunWithUnchangedFilesOnlyPatchesTheDatasetFieldsThatChanged() {
    answer("package_show", 200, ok(stored("Beregnet 22. november 2026.", true)));
    answer("package_patch", 200, ok(stored(dataset.notes(), true)));

    PublishReport report = publisher.publish(dataset, false);

    assertThat(report.steps())
        .extracting(PublishReport.Step::action)
        .containsExactly(
            Action.PATCH_DATASET,
            Action.RESOURCE_UNCHANGED,
            Action.RESOURCE_UNCHANGED,
            Action.RESOURCE_UNCHANGED);
    ckan.verify(
        postRequestedFor(urlEqualTo("/api/3/action/package_patch"))
            .withRequestBody(
                equalToJson("{\"id\": \"pkg-1\", \"notes\": \"Beregnet 23. november 2026.\"}")));
    assertThat(calls("package_create")).isZero();
    assertThat(calls("resource_create") + calls("resource_patch")).isZero();
  }

  @Test
  void aRunWithNothingChangedWritesNothing() {
    answer("package_show", 200, ok(stored(dataset.notes(), true)));

    PublishReport report = publisher.publish(dataset, false);

    assertThat(report.changesAnything()).isFalse();
    assertThat(ckan.getAllServeEvents()).hasSize(1);
  }

  @Test
  void aChangedFileIsUploadedAgainAndChangedExtrasKeepTheOthers() throws Exception {
    ObjectNode before = stored(dataset.notes(), true);
    ((ObjectNode) before.get("extras").get(0)).put("value", "3");
    answer("package_show", 200, ok(before));
    answer("package_patch", 200, ok(stored(dataset.notes(), true)));
    answer("resource_patch", 200, ok(Map.of("id", "res-attainment.csv")));
    Files.writeString(dir.resolve("attainment.csv"), "period,org_unit,citizens\n2018-Q4,SOC,13\n");

    PublishReport report = publisher.publish(dataset, false);

    assertThat(report.steps())
        .extracting(PublishReport.Step::action)
        .containsExactly(
            Action.PATCH_DATASET,
            Action.UPLOAD_RESOURCE,
            Action.RESOURCE_UNCHANGED,
            Action.RESOURCE_UNCHANGED);
    ckan.verify(
        postRequestedFor(urlEqualTo("/api/3/action/package_patch"))
            .withRequestBody(
                matchingJsonPath(
                    "$.extras[?(@.key == 'suppression_threshold')].value", equalTo("5")))
            .withRequestBody(matchingJsonPath("$.extras[?(@.key == 'kept_by_ckan_admin')]")));
    ckan.verify(
        1,
        postRequestedFor(urlEqualTo("/api/3/action/resource_patch"))
            .withRequestBodyPart(
                aMultipart().withName("id").withBody(equalTo("res-attainment.csv")).build())
            .withRequestBodyPart(
                aMultipart()
                    .withName("upload")
                    .withBody(binaryEqualTo(Files.readAllBytes(dir.resolve("attainment.csv"))))
                    .build()));
  }

  @Test
  void aDryRunReadsTheDatasetButWritesNothing() {
    answer("package_show", 404, error("Not Found Error", Map.of("message", "Not found")));

    PublishReport report = publisher.publish(dataset, true);

    assertThat(report.dryRun()).isTrue();
    assertThat(report.steps())
        .extracting(PublishReport.Step::action)
        .first()
        .isEqualTo(Action.CREATE_DATASET);
    assertThat(report.summary())
        .startsWith("Dry run, nothing written:")
        .contains("CREATE_RESOURCE attainment.parquet");
    assertThat(ckan.getAllServeEvents()).hasSize(1);
  }

  @Test
  void anAuthorizationErrorBecomesUnauthorizedWithCkansMessageButNeverTheToken() {
    answer("package_show", 404, error("Not Found Error", Map.of("message", "Not found")));
    answer(
        "package_create",
        403,
        error(
            "Authorization Error",
            Map.of(
                "message", "Access denied: User  not authorized to add dataset to organization")));

    assertThatThrownBy(() -> publisher.publish(dataset, false))
        .isInstanceOf(ConnectorException.class)
        .satisfies(
            e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.UNAUTHORIZED))
        .hasMessageContaining("package_create")
        .hasMessageContaining("HTTP 403, Authorization Error")
        .hasMessageContaining("not authorized to add dataset")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void aValidationErrorBecomesBadRequestNamingEachField() {
    answer("package_show", 404, error("Not Found Error", Map.of("message", "Not found")));
    answer(
        "package_create",
        409,
        error(
            "Validation Error",
            Map.of(
                "name", List.of("That URL is already in use."),
                "owner_org", List.of("Organization does not exist"))));

    assertThatThrownBy(() -> publisher.publish(dataset, false))
        .isInstanceOf(ConnectorException.class)
        .satisfies(
            e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST))
        .hasMessageContaining("HTTP 409, Validation Error")
        .hasMessageContaining("name: That URL is already in use.")
        .hasMessageContaining("owner_org: Organization does not exist");
    assertThat(calls("resource_create")).isZero();
  }

  @Test
  void aServerErrorOrANonCkanAnswerIsARemoteFailure() {
    ckan.stubFor(
        post(urlEqualTo("/api/3/action/package_show"))
            .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));

    assertThatThrownBy(() -> publisher.publish(dataset, false))
        .isInstanceOf(ConnectorException.class)
        .satisfies(
            e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.REMOTE_FAILURE))
        .hasMessageContaining("HTTP 502");
  }

  @Test
  void theMultipartBodyKeepsUnicodeFieldsAndEscapesQuotesInNames() throws Exception {
    answer("resource_create", 200, ok(Map.of("id", "r")));
    CkanClient client = new CkanClient(URI.create(ckan.baseUrl() + "/"), null);

    client.callWithUpload(
        "resource_create",
        Map.of("description", "Målopfyldelse – æøå", "name", "a\"b.csv"),
        dir.resolve("attainment.csv"),
        "a\"b.csv",
        "text/csv");

    LoggedRequest request =
        ckan.findAll(postRequestedFor(urlEqualTo("/api/3/action/resource_create"))).get(0);
    String body = new String(request.getBody(), StandardCharsets.UTF_8);
    assertThat(request.containsHeader("Authorization")).isFalse();
    assertThat(body).contains("Målopfyldelse – æøå").contains("filename=\"a%22b.csv\"");
    ckan.verify(
        postRequestedFor(urlEqualTo("/api/3/action/resource_create"))
            .withRequestBodyPart(
                aMultipart()
                    .withName("description")
                    .withBody(equalTo("Målopfyldelse – æøå"))
                    .build()));
  }
}
