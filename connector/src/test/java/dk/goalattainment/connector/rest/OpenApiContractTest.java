package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.engine.ReportColumn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The served OpenAPI document is valid OpenAPI, describes every endpoint with its real bodies and
 * every error as a problem, and the check that holds every REST test's responses to it can fail.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest implements TestPropertyProvider {
  static final String TOKEN = "openapi-contract-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject EmbeddedServer server;
  @Inject ConnectorRuntime runtime;

  @Inject
  @Client("/")
  HttpClient micronautClient;

  ContractHttp http;
  OpenAPI api;

  @Override
  public Map<String, String> getProperties() {
    return TestServers.properties("openapi-contract", "connector.api.token", TOKEN);
  }

  @BeforeAll
  void loadTheWorkedExample() throws Exception {
    runtime.ingest().ingest(WorkedExample.batch());
    runtime.refresh(step -> {});
    http = new ContractHttp();
    api = parse(get("/swagger/goal-attainment-connector-1.yml", null).body()).getOpenAPI();
  }

  @AfterEach
  void forgetTheViolationsMadeOnPurpose() {
    ApiContract.takeViolations();
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build());
  }

  static SwaggerParseResult parse(String text) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIV3Parser().readContents(text, null, options);
  }

  @Test
  void theDocumentIsServedAsYamlAndAsJsonWithTheirMediaTypes() throws Exception {
    HttpResponse<String> yaml = get("/swagger/goal-attainment-connector-1.yml", null);
    HttpResponse<String> json = get("/swagger/goal-attainment-connector-1.json", null);

    assertThat(yaml.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new YAMLMapper().readTree(yaml.body())).isEqualTo(JSON.readTree(json.body()));
    assertThat(yaml.body()).startsWith("openapi: 3.0.1");
  }

  @Test
  void theServedDocumentIsValidOpenApiWithoutOneParserMessage() throws Exception {
    SwaggerParseResult yaml = parse(get("/swagger/goal-attainment-connector-1.yml", null).body());
    SwaggerParseResult json = parse(get("/swagger/goal-attainment-connector-1.json", null).body());

    assertThat(yaml.getMessages()).isEmpty();
    assertThat(json.getMessages()).isEmpty();
    assertThat(yaml.getOpenAPI().getPaths())
        .containsKeys(
            "/api/v1/attainment",
            "/api/v1/datasets",
            "/api/v1/datasets/{id}",
            "/api/v1/datasets/{id}/rows",
            "/api/v1/metrics",
            "/api/v1/metrics/{id}",
            "/api/v1/factsheet",
            "/api/v1/ingest/{kind}",
            "/api/v1/refresh",
            "/api/v1/refresh/jobs",
            "/api/v1/refresh/jobs/{id}",
            "/api/v1/org-units",
            "/api/v1/opendata/{file}",
            "/health",
            "/health/liveness",
            "/health/readiness",
            "/prometheus",
            "/swagger/goal-attainment-connector-1.yml");
  }

  @Test
  void noBodyIsDescribedAsTheJaxRsResponseClass() {
    assertThat(api.getComponents().getSchemas().keySet())
        .doesNotContain("Response", "Cookie", "NewCookie", "EntityTag", "Link", "MediaType");
    operations()
        .forEach(
            (name, op) ->
                op.getResponses()
                    .forEach(
                        (status, r) -> {
                          if (r.getContent() != null) {
                            r.getContent()
                                .forEach(
                                    (type, media) ->
                                        assertThat(media.getSchema())
                                            .as(name + " " + status + " " + type)
                                            .isNotNull());
                          }
                        }));
  }

  @Test
  void everyApiOperationDeclaresItsErrorsAsProblems() {
    Schema<?> problem = api.getComponents().getSchemas().get("Problem");
    assertThat(problem.getProperties().keySet())
        .containsExactly(
            "type",
            "title",
            "status",
            "detail",
            "instance",
            "correlation_id",
            "errors",
            "error_count");
    assertThat(problem.getRequired()).containsExactlyInAnyOrder("type", "title", "status");
    assertThat(api.getComponents().getSchemas().get("ProblemError").getProperties().keySet())
        .containsExactly("record", "row", "field", "rule", "message");
    Map<String, Operation> operations = operations();
    assertThat(operations).hasSizeGreaterThanOrEqualTo(19);
    operations.forEach(
        (name, op) -> {
          if (name.contains(" /api/v1/")) {
            assertThat(op.getResponses().keySet())
                .as(name)
                .contains("400", "401", "403", "500", "503");
          }
          op.getResponses()
              .forEach(
                  (status, r) -> {
                    // a health check that is DOWN answers 503 with the health result
                    boolean health = name.startsWith("GET /health") && status.equals("503");
                    if (status.compareTo("400") >= 0 && !health) {
                      ApiResponse resolved = resolve(r);
                      assertThat(resolved.getContent().keySet())
                          .as(name + " " + status)
                          .containsExactly(Problems.MEDIA_TYPE);
                      assertThat(
                              resolved.getContent().get(Problems.MEDIA_TYPE).getSchema().get$ref())
                          .as(name + " " + status)
                          .isEqualTo("#/components/schemas/Problem");
                    }
                  });
        });
    assertThat(operations.get("POST /api/v1/ingest/{kind}").getResponses())
        .containsKeys("404", "413", "415", "422");
    assertThat(operations.get("POST /api/v1/refresh").getResponses()).containsKeys("202", "409");
  }

  @Test
  void theBearerSchemeIsDeclaredAndEveryOperationSaysWhetherItNeedsAToken() {
    assertThat(api.getComponents().getSecuritySchemes().get("bearer").getScheme())
        .isEqualTo("bearer");
    Set<String> needToken = new TreeSet<>();
    operations()
        .forEach(
            (name, op) -> {
              assertThat(op.getSecurity()).as(name).isNotEmpty();
              if (op.getSecurity().stream().noneMatch(Map::isEmpty)) {
                needToken.add(name);
              }
            });
    assertThat(needToken)
        .containsExactly(
            "GET /api/v1/datasets/attainment/rows",
            "GET /api/v1/datasets/followup_compliance/rows",
            "GET /api/v1/datasets/goal_followups/rows",
            "GET /api/v1/datasets/{id}/rows",
            "GET /api/v1/refresh/jobs",
            "GET /api/v1/refresh/jobs/{id}",
            "POST /api/v1/ingest/{kind}",
            "POST /api/v1/refresh");
    assertThat(operations().get("POST /api/v1/refresh").getDescription()).contains("write scope");
    assertThat(operations().get("POST /api/v1/ingest/{kind}").getDescription())
        .contains("write scope");
    assertThat(operations().get("GET /api/v1/datasets/{id}/rows").getDescription())
        .contains("read scope", "read:citizen");
  }

  @Test
  void aReportRowHasEveryReportColumnWithItsType() {
    Schema<?> row = api.getComponents().getSchemas().get(OpenApiDocument.REPORT_ROW);
    List<String> ids = new ArrayList<>();
    for (ReportColumn c : ReportColumn.values()) {
      ids.add(c.id());
      String expected =
          switch (c.type()) {
            case TEXT -> "string";
            case LONG -> "integer";
            case DOUBLE -> "number";
            case BOOLEAN -> "boolean";
          };
      assertThat(row.getProperties().get(c.id()).getType()).as(c.id()).isEqualTo(expected);
    }
    assertThat(row.getProperties().keySet()).containsExactlyElementsOf(ids);
    assertThat(row.getRequired()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(row.getProperties().get("goal_attainment_avg").getDescription())
        .contains("Gns. målopfyldelse");
  }

  @Test
  void aDatasetRowHasEveryDeclaredColumnAndTheIdsAreTheDatasets() {
    List<String> ids = new ArrayList<>();
    for (DatasetDefinition d : runtime.definitions().datasets()) {
      ids.add(d.id());
      Schema<?> row = api.getComponents().getSchemas().get("DatasetRow." + d.id());
      assertThat(row.getProperties().keySet())
          .as(d.id())
          .containsExactlyElementsOf(d.columns().stream().map(ColumnDefinition::name).toList());
      assertThat(row.getProperties().get(d.columns().get(0).name()).getDescription())
          .startsWith(d.columns().get(0).label());
    }
    Schema<?> id =
        api.getPaths().get("/api/v1/datasets/{id}/rows").getGet().getParameters().stream()
            .filter(p -> p.getName().equals("id"))
            .findFirst()
            .orElseThrow()
            .getSchema();
    assertThat(id.getEnum().stream().map(String::valueOf).toList()).isEqualTo(ids);
    for (String dataset : ids) {
      Operation rows = api.getPaths().get("/api/v1/datasets/" + dataset + "/rows").getGet();
      assertThat(rows.getOperationId()).isEqualTo("datasetRows_" + dataset);
      Schema<?> page =
          api.getComponents()
              .getSchemas()
              .get(
                  rows.getResponses()
                      .get("200")
                      .getContent()
                      .get("application/json")
                      .getSchema()
                      .get$ref()
                      .replace("#/components/schemas/", ""));
      assertThat(page.getProperties().get("rows").getItems().get$ref())
          .isEqualTo("#/components/schemas/DatasetRow." + dataset);
    }
    assertThat(ids).contains("attainment", "goal_followups");
  }

  @Test
  void theCheckRefusesAnUndeclaredFieldAMissingOneAWrongTypeAndANull() throws Exception {
    String target = "/api/v1/attainment?period=2018-Q4&org=FBU&by=effect_goal";
    HttpResponse<String> real = get(target, TOKEN);
    ApiContract contract = ApiContract.servedAt(server.getURL().toString());
    Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"));

    assertThat(real.statusCode()).isEqualTo(200);
    contract.check("GET", target, 200, json, bytes(JSON.readTree(real.body())));
    for (String change : List.of("extra", "missing", "type", "null")) {
      ObjectNode doc = (ObjectNode) JSON.readTree(real.body());
      ObjectNode row = (ObjectNode) doc.get("rows").get(0);
      switch (change) {
        case "extra" -> row.put("colour", "red");
        case "missing" -> row.remove("low_n");
        case "type" -> row.put("citizens", "many");
        default -> row.putNull("group");
      }
      assertThatThrownBy(() -> contract.check("GET", target, 200, json, bytes(doc)))
          .as(change)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("outside the served contract");
    }
  }

  @Test
  void theCheckRefusesAnUndeclaredStatusContentTypeOrPath() throws Exception {
    ApiContract contract = ApiContract.servedAt(server.getURL().toString());
    byte[] units = get("/api/v1/org-units", null).body().getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"));
    byte[] problem =
        "{\"type\":\"urn:x\",\"title\":\"Gone\",\"status\":404}".getBytes(StandardCharsets.UTF_8);

    contract.check("GET", "/api/v1/org-units", 200, json, units);
    contract.check(
        "GET",
        "/api/v1/no-such-thing",
        404,
        Map.of("Content-Type", List.of(Problems.MEDIA_TYPE)),
        problem);
    assertThatThrownBy(() -> contract.check("GET", "/api/v1/org-units", 418, json, units))
        .hasMessageContaining("418");
    assertThatThrownBy(
            () ->
                contract.check(
                    "GET",
                    "/api/v1/org-units",
                    200,
                    Map.of("Content-Type", List.of("text/plain")),
                    units))
        .hasMessageContaining("text/plain");
    assertThatThrownBy(() -> contract.check("GET", "/api/v1/no-such-thing", 200, json, units))
        .hasMessageContaining("no-such-thing");
    assertThatThrownBy(() -> contract.check("GET", "/api/v1/no-such-thing", 404, json, problem))
        .hasMessageContaining("content type");
  }

  @Test
  void everyTestClientHasItsResponsesChecked() throws Exception {
    long before = ApiContract.checked();
    micronautClient.toBlocking().retrieve(HttpRequest.GET("/api/v1/metrics"));
    long afterMicronaut = ApiContract.checked();
    new RawHttp(server.getPort()).get("/api/v1/metrics");
    long afterRaw = ApiContract.checked();
    get("/api/v1/metrics", null);

    assertThat(afterMicronaut).isEqualTo(before + 1);
    assertThat(afterRaw).isEqualTo(afterMicronaut + 1);
    assertThat(ApiContract.checked()).isEqualTo(afterRaw + 1);
  }

  @Test
  void theBrowsableUiReadsTheServedDocument() throws Exception {
    HttpResponse<String> ui = get("/swagger-ui/index.html", null);

    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("/swagger/goal-attainment-connector-1.yml");
  }

  private static byte[] bytes(JsonNode json) throws Exception {
    return JSON.writeValueAsBytes(json);
  }

  private ApiResponse resolve(ApiResponse r) {
    if (r.get$ref() == null) {
      return r;
    }
    return api.getComponents()
        .getResponses()
        .get(r.get$ref().substring(r.get$ref().lastIndexOf('/') + 1));
  }

  /** Every operation, by method and path. */
  private Map<String, Operation> operations() {
    Map<String, Operation> all = new java.util.TreeMap<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach((method, op) -> all.put(method.name() + " " + path, op)));
    return all;
  }
}
