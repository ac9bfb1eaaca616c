package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.WorkedExample;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every endpoint over real HTTP, on the worked example of domain.md §5. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest implements TestPropertyProvider {
  static final String TOKEN = "test-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject
  @Client("/")
  HttpClient http;

  @Inject io.micronaut.http.server.HttpServerConfiguration server;

  @Override
  public Map<String, String> getProperties() {
    try {
      Path dir = Files.createTempDirectory("rest-test");
      // the service opens an existing store, never creates one
      new dk.goalattainment.connector.TestStore(dir).close();
      return Map.of(
          "connector.store.duckdb-path",
          dir.resolve("test.duckdb").toString(),
          "connector.api.token",
          TOKEN,
          "micronaut.server.port",
          "-1");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String orgCsv() {
    StringBuilder sb = new StringBuilder("unit_id;name;parent_id;role;valid_from;valid_to\n");
    WorkedExample.orgUnits()
        .forEach(
            u ->
                sb.append(
                    String.join(
                            ";",
                            u.unitId(),
                            u.name(),
                            u.parentId(),
                            u.role(),
                            u.validFrom(),
                            u.validTo())
                        + "\n"));
    return sb.toString();
  }

  static String goalsJson() throws IOException {
    var goals =
        WorkedExample.goals().stream()
            .map(
                g ->
                    Map.of(
                        "goal_id", g.goalId(),
                        "cpr", g.cpr(),
                        "target_group", g.targetGroup(),
                        "life_theme", g.lifeTheme(),
                        "baseline_score", Integer.parseInt(g.baselineScore()),
                        "target_score", Integer.parseInt(g.targetScore()),
                        "set_date", g.setDate(),
                        "due_date", g.dueDate(),
                        "authority_unit_id", g.authorityUnitId(),
                        "provider_unit_id", g.providerUnitId()))
            .toList();
    return JSON.writeValueAsString(goals);
  }

  static String followUpsCsv() {
    StringBuilder sb = new StringBuilder("followup_id,goal_id,followup_date,score\n");
    WorkedExample.followUps()
        .forEach(
            f ->
                sb.append(
                    String.join(",", f.followupId(), f.goalId(), f.followupDate(), f.score())
                        + "\n"));
    return sb.toString();
  }

  HttpResponse<String> post(String path, String body, String type) {
    return http.toBlocking()
        .exchange(HttpRequest.POST(path, body).contentType(type).bearerAuth(TOKEN), String.class);
  }

  /** A GET with the full-access token. */
  JsonNode get(String path) throws IOException {
    return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(TOKEN)));
  }

  HttpClientResponseException failure(HttpRequest<?> request) {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () -> http.toBlocking().exchange(request, String.class));
    assertThat(e).as("the request should fail").isNotNull();
    return e;
  }

  JsonNode problem(HttpClientResponseException e) throws IOException {
    assertThat(e.getResponse().getContentType().map(MediaType::toString))
        .hasValue(Problems.MEDIA_TYPE);
    return JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
  }

  @BeforeAll
  void ingestTheWorkedExampleAndRefresh() throws IOException {
    assertThat(post("/api/v1/ingest/org-units", orgCsv(), "text/csv").code()).isEqualTo(200);
    assertThat(post("/api/v1/ingest/goals", goalsJson(), "application/json").body())
        .contains("\"inserted\":5");
    assertThat(post("/api/v1/ingest/followups", followUpsCsv(), "text/csv").code()).isEqualTo(200);
    assertThat(post("/api/v1/refresh?wait=120", "", "application/json").body())
        .contains("ds_attainment");
  }

  @Test
  void attainmentRowsCarryTheWorkedExamplesFigures() throws IOException {
    JsonNode doc = get("/api/v1/attainment?period=2018-Q4&org=FBU&by=effect_goal");

    assertThat(doc.get("period").asText()).isEqualTo("2018-Q4");
    JsonNode nm = doc.get("rows").get(1);
    assertThat(nm.get("group").asText()).isEqualTo("NM");
    assertThat(nm.get("citizens").asLong()).isEqualTo(2);
    assertThat(nm.get("goal_attainment_avg").asDouble()).isEqualTo(0.5);
    assertThat(nm.get("goals_met_share").asDouble()).isEqualTo(0.5);
    assertThat(nm.get("progress_share").asDouble()).isEqualTo(0.5);
    assertThat(nm.get("low_n").asBoolean()).isTrue();
  }

  @Test
  void attainmentFromTheDatasetEqualsTheLiveComputation() throws IOException {
    for (String by : new String[] {"none", "effect_goal", "life_theme", "goal_type", "org_child"}) {
      String q = "/api/v1/attainment?period=2018-Q4&org=SOC&by=" + by;
      JsonNode fromDataset = get(q).get("rows");
      JsonNode live = get(q + "&live=true").get("rows");
      assertThat(fromDataset.size()).as(by).isEqualTo(live.size()).isPositive();
      for (int i = 0; i < live.size(); i++) {
        var fields = live.get(i).fieldNames();
        while (fields.hasNext()) {
          String f = fields.next();
          JsonNode a = live.get(i).get(f);
          JsonNode b = fromDataset.get(i).get(f);
          if (a.isDouble()) {
            // sums of doubles in another order may differ in the last bits (ADR 0007)
            assertThat(b.asDouble()).as(by + " " + f).isCloseTo(a.asDouble(), within(1e-12));
          } else {
            assertThat(b).as(by + " " + f).isEqualTo(a);
          }
        }
      }
    }
  }

  @Test
  void attainmentAsCsvHasTheReportColumns() {
    String csv =
        http.toBlocking()
            .retrieve(
                HttpRequest.GET("/api/v1/attainment?period=2018-Q4&org=FBU&by=life_theme")
                    .accept("text/csv")
                    .bearerAuth(TOKEN));

    assertThat(csv)
        .startsWith(
            "group,citizens,goal_attainment_avg,goals_followed_up,goals_met,goals_met_share,"
                + "progress_share,distance_avg,goal_attainment_ci_low,goal_attainment_ci_high,low_n,")
        .contains("\nfamilie,2,0.5,2,1,0.5,");
  }

  @Test
  void aMalformedPeriodIsABadRequestProblem() throws IOException {
    HttpClientResponseException e =
        failure(HttpRequest.GET("/api/v1/attainment?period=2018-Q5&org=FBU"));

    assertThat(e.getStatus().getCode()).isEqualTo(400);
    JsonNode p = problem(e);
    assertThat(p.get("type").asText()).isEqualTo("urn:goal-attainment:problem:bad-request");
    assertThat(p.get("status").asInt()).isEqualTo(400);
    assertThat(p.get("detail").asText()).contains("period must be");
    assertThat(p.get("instance").asText()).isEqualTo("/api/v1/attainment");
  }

  @Test
  void anUnknownOrgIsANotFoundProblem() throws IOException {
    HttpClientResponseException e =
        failure(HttpRequest.GET("/api/v1/attainment?period=2018-Q4&org=NOPE").bearerAuth(TOKEN));

    assertThat(e.getStatus().getCode()).isEqualTo(404);
    assertThat(problem(e).get("title").asText()).isEqualTo("Not found");
  }

  @Test
  void anUnknownRouteIsANotFoundProblem() throws IOException {
    HttpClientResponseException e = failure(HttpRequest.GET("/api/v1/nothing-here"));

    assertThat(e.getStatus().getCode()).isEqualTo(404);
    assertThat(problem(e).get("status").asInt()).isEqualTo(404);
  }

  @Test
  void writesNeedTheBearerToken() throws IOException {
    HttpClientResponseException none =
        failure(HttpRequest.POST("/api/v1/refresh", "").contentType("application/json"));
    HttpClientResponseException wrong =
        failure(
            HttpRequest.POST("/api/v1/ingest/followups", followUpsCsv())
                .contentType("text/csv")
                .bearerAuth("not-the-token"));

    assertThat(none.getStatus().getCode()).isEqualTo(401);
    assertThat(none.getResponse().getHeaders().get("WWW-Authenticate")).startsWith("Bearer");
    assertThat(problem(none).get("type").asText())
        .isEqualTo("urn:goal-attainment:problem:unauthorized");
    assertThat(wrong.getStatus().getCode()).isEqualTo(401);
  }

  @Test
  void anInvalidIngestIs422ListingEveryRowAndFieldWithoutTheCpr() throws IOException {
    String goals =
        "goal_id,cpr,target_group,life_theme,baseline_score,target_score,set_date,due_date,"
            + "authority_unit_id\n"
            + "z1,3113801234,boern_unge_udsatte,skole,3,6,2018-01-01,2018-06-01,FBU-M\n"
            + "z2,0101801234,voksne_udsatte,skole,3,66,2018-01-01,2018-06-01,NOPE\n";
    HttpClientResponseException e =
        failure(
            HttpRequest.POST("/api/v1/ingest/goals", goals)
                .contentType("text/csv")
                .bearerAuth(TOKEN));

    assertThat(e.getStatus().getCode()).isEqualTo(422);
    JsonNode p = problem(e);
    assertThat(p.get("errors"))
        .extracting(n -> n.get("message").asText())
        .containsExactly(
            "goals: row 1, field cpr: the first six digits must be a real date (DDMMYY)",
            "goals: row 2, field life_theme: is outside the target group's catalogue (a children"
                + " theme on a adults target group)",
            "goals: row 2, field target_score: must be an integer 1-10",
            "goals: row 2, field authority_unit_id: no org unit has this id");
    assertThat(p.toString()).doesNotContain("3113801234", "311380", "0101801234", "010180");
    assertThat(
            get("/api/v1/attainment?period=2018-Q4&org=FBU")
                .get("rows")
                .get(0)
                .get("citizens")
                .asLong())
        .as("nothing was stored")
        .isEqualTo(2);
  }

  @Test
  void theIngestLimitIsTheDocumented512MiB() {
    assertThat(server.getMaxRequestSize()).isEqualTo(512L * 1024 * 1024);
  }

  @Test
  void aThirtyMegabyteJsonStringGetsAPreciseMessage() throws IOException {
    String json = "[{\"goal_id\":\"G1\",\"cpr\":\"" + "7".repeat(30 * 1024 * 1024) + "\"}]";
    HttpClientResponseException e =
        failure(
            HttpRequest.POST("/api/v1/ingest/goals", json)
                .contentType("application/json")
                .bearerAuth(TOKEN));

    assertThat(e.getStatus().getCode()).isEqualTo(422);
    assertThat(problem(e).get("errors").get(0).get("message").asText())
        .isEqualTo(
            "goals: row 1, field cpr: is longer than the 1,000,000 characters a value may have");
  }

  @Test
  void ingestOfAnUnknownKindIsNotFound() {
    HttpClientResponseException e =
        failure(
            HttpRequest.POST("/api/v1/ingest/citizens", "a\n1\n")
                .contentType("text/csv")
                .bearerAuth(TOKEN));

    assertThat(e.getStatus().getCode()).isEqualTo(404);
  }

  @Test
  void listsTheDatasetsWithTheirRowCounts() throws IOException {
    JsonNode list = get("/api/v1/datasets");

    assertThat(list.get("datasets"))
        .extracting(d -> d.get("id").asText())
        .containsExactly("attainment", "followup_compliance", "goal_followups");
    assertThat(list.get("datasets").get(0).get("rows").asLong()).isPositive();
    assertThat(list.get("fresh").asBoolean()).isTrue();
  }

  @Test
  void showsOneDatasetsDefinitionWithItsMetrics() throws IOException {
    JsonNode d = get("/api/v1/datasets/attainment");

    assertThat(d.get("definition").get("org_path_columns").get(0).asText()).isEqualTo("org_path");
    assertThat(d.get("metrics"))
        .extracting(m -> m.get("id").asText())
        .contains("citizens", "goal_attainment_avg");
    assertThat(
            failure(HttpRequest.GET("/api/v1/datasets/nope").bearerAuth(TOKEN))
                .getStatus()
                .getCode())
        .isEqualTo(404);
  }

  @Test
  void filtersAndPagesDatasetRows() throws IOException {
    String q =
        "/api/v1/datasets/attainment/rows?period=2018-Q4&via=authority&target_group=*"
            + "&goal_type=*&life_theme=*&limit=2";
    HttpResponse<String> first =
        http.toBlocking().exchange(HttpRequest.GET(q).bearerAuth(TOKEN), String.class);
    JsonNode page = JSON.readTree(first.body());

    assertThat(page.get("total").asLong()).isGreaterThan(2);
    assertThat(page.get("rows")).hasSize(2);
    assertThat(page.get("next_offset").asLong()).isEqualTo(2);
    assertThat(first.header("X-Total-Count")).isEqualTo(page.get("total").asText());
    assertThat(first.header("Link")).contains("offset=2").contains("rel=\"next\"");
    assertThat(page.get("rows").get(0).get("period_start").asText()).isEqualTo("2018-10-01");
    JsonNode second = get(q + "&offset=2");
    assertThat(second.get("rows").get(0)).isNotEqualTo(page.get("rows").get(0));
  }

  @Test
  void filtersOnSeveralValuesOfAColumn() throws IOException {
    JsonNode page =
        get(
            "/api/v1/datasets/attainment/rows?period=2018-Q4&via=authority&org_unit=FBU"
                + "&target_group=*&goal_type=*&life_theme=*&effect_goal=LS&effect_goal=NM");

    assertThat(page.get("rows"))
        .extracting(r -> r.get("effect_goal").asText())
        .containsExactlyInAnyOrder("LS", "NM");
  }

  @Test
  void servesDatasetRowsAsCsv() {
    String csv =
        http.toBlocking()
            .retrieve(
                HttpRequest.GET("/api/v1/datasets/followup_compliance/rows?format=csv&org_unit=FBU")
                    .bearerAuth(TOKEN));

    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("period,period_kind,");
    assertThat(csv.lines().count()).isGreaterThan(1);
  }

  @Test
  void anUnknownFilterIsABadRequestNamingTheColumns() throws IOException {
    HttpClientResponseException e =
        failure(HttpRequest.GET("/api/v1/datasets/attainment/rows?colour=red").bearerAuth(TOKEN));

    assertThat(e.getStatus().getCode()).isEqualTo(400);
    assertThat(problem(e).get("detail").asText()).contains("[colour]").contains("org_path");
  }

  @Test
  void citizenGrainRowsNeedTheBearerToken() throws IOException {
    HttpClientResponseException e =
        failure(HttpRequest.GET("/api/v1/datasets/goal_followups/rows"));
    JsonNode rows =
        JSON.readTree(
            http.toBlocking()
                .retrieve(
                    HttpRequest.GET("/api/v1/datasets/goal_followups/rows").bearerAuth(TOKEN)));

    assertThat(e.getStatus().getCode()).isEqualTo(401);
    assertThat(rows.get("total").asLong()).isEqualTo(5);
    assertThat(rows.toString()).doesNotContain(WorkedExample.CPR_A).doesNotContain("010110");
  }

  @Test
  void listsMetricsAndEvaluatesASuccessCriterion() throws IOException {
    assertThat(get("/api/v1/metrics").get("metrics"))
        .extracting(m -> m.get("id").asText())
        .contains("citizens", "goal_attainment_avg", "followup_on_time_share");
    JsonNode m = get("/api/v1/metrics/goal_attainment_avg");
    assertThat(m.get("definition").get("label").get("da").asText()).isEqualTo("Gns. målopfyldelse");
    assertThat(m.get("evaluation").get("target").asDouble()).isEqualTo(0.6);
    assertThat(failure(HttpRequest.GET("/api/v1/metrics/nope")).getStatus().getCode())
        .isEqualTo(404);
  }

  @Test
  void servesHealthPrometheusOpenApiAndItsUi() {
    assertThat(http.toBlocking().retrieve("/health")).contains("\"status\":\"UP\"");
    assertThat(http.toBlocking().retrieve("/prometheus")).contains("# TYPE");
    assertThat(http.toBlocking().retrieve("/swagger/goal-attainment-connector-1.yml"))
        .contains("/api/v1/attainment")
        .contains("/api/v1/datasets/{id}/rows")
        .contains("/api/v1/ingest/{kind}");
    assertThat(http.toBlocking().retrieve("/swagger-ui/index.html")).contains("swagger-ui");
    assertThat(
            http.toBlocking().exchange("/swagger-ui/res/swagger-ui-bundle.js", String.class).code())
        .isEqualTo(200);
  }

  @Test
  void jaxRsUsesMicronautsRuntimeDelegate() {
    assertThat(jakarta.ws.rs.ext.RuntimeDelegate.getInstance().getClass().getName())
        .isEqualTo("io.micronaut.jaxrs.common.MicronautRuntimeDelegate");
  }

  @SuppressWarnings("unused")
  private static Argument<Map<String, Object>> mapType() {
    return Argument.mapOf(String.class, Object.class);
  }
}
