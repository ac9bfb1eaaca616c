package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.demo.DemoData;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The findings of issue 10, verbatim, over a raw socket against the demo data. Written with only
 * the HTTP interface and the runtime that main already had, so that the same file fails on the code
 * before the fix and passes after it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Issue10ReproductionsTest implements TestPropertyProvider {
  static final String TOKEN = "issue-10-token-0123456789";
  static final Pattern CITIZEN_KEY = Pattern.compile("[0-9a-f]{64}");
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject EmbeddedServer server;
  @Inject ConnectorRuntime runtime;
  RawHttp http;

  @Override
  public Map<String, String> getProperties() {
    return TestServers.properties("issue-10", "connector.api.token", TOKEN);
  }

  @BeforeAll
  void loadTheDemoData() {
    http = new RawHttp(server.getPort());
    runtime.ingest().ingest(new DemoData(runtime.catalogue(), 120, 5).batch());
    runtime.refresh(step -> {});
  }

  RawHttp.Answer post(String path, String type, String body) throws IOException {
    return http.send(
        "POST", path, Map.of("Content-Type", type, "Authorization", "Bearer " + TOKEN), body);
  }

  @Test
  void critical1_aPercentEncodedPathGetsNoCitizenRowsWithoutAToken() throws IOException {
    for (String target :
        List.of(
            "/api/v1/datasets/%67oal_followups/rows?format=csv&limit=50000",
            "/api/v1/datasets/goal%5Ffollowups/rows?format=csv&limit=50000")) {
      RawHttp.Answer a = http.get(target);

      assertThat(a.status()).as(target).isEqualTo(401);
      assertThat(a.body()).as(target).doesNotContainPattern(CITIZEN_KEY);
    }
  }

  @Test
  void critical2_unauthenticatedAnswersHoldNoCellOfOneToFourCitizens() throws IOException {
    RawHttp.Answer rows = http.get("/api/v1/datasets/attainment/rows?citizens=1");
    RawHttp.Answer slice =
        http.get(
            "/api/v1/attainment?period=2021-Q4&org=UC&via=provider&by=life_theme&age_band=13-17");
    RawHttp.Answer verbatim =
        http.get(
            "/api/v1/attainment?period=2021-Q4&org=UC-T1&via=provider&by=life_theme"
                + "&age_band=13-17");

    assertThat(rows.status()).isEqualTo(401);
    assertThat(slice.status()).isEqualTo(401);
    assertThat(verbatim.status()).isEqualTo(401);
    assertThat(rows.body() + slice.body() + verbatim.body()).doesNotContain("\"citizens\":");
  }

  @Test
  void major3_aDateNoPeriodCanHoldIsRefusedAtIngest() throws IOException {
    String goals =
        "goal_id,cpr,target_group,life_theme,baseline_score,target_score,set_date,due_date,"
            + "authority_unit_id\n"
            + "bad-1,0101801234,voksne_udsatte,relationer,3,6,2019-02-01,3019-05-01,SUV-M\n"
            + "bad-2,0101801234,voksne_udsatte,relationer,3,6,2019-02-01,+12019-02-03,SUV-M\n"
            + "bad-3,0101801234,voksne_udsatte,relationer,3,6,2019-02-01,+10000-01-01,SUV-M\n";

    RawHttp.Answer a = post("/api/v1/ingest/goals", "text/csv", goals);

    assertThat(a.status()).isEqualTo(422);
    assertThat(a.body()).contains("row 1, field due_date").contains("row 3, field due_date");
  }

  @Test
  void major4_aBadFilterValueIsA400WithoutSqlOrTheValue() throws IOException {
    RawHttp.Answer a =
        http.send(
            "GET",
            "/api/v1/datasets/attainment/rows?citizens=010190%201234",
            Map.of("Authorization", "Bearer " + TOKEN),
            null);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body())
        .contains("citizens")
        .doesNotContain("010190")
        .doesNotContain("1234")
        .doesNotContainIgnoringCase("select");
  }

  @Test
  void major5_restIngestTakesMoreThanTenMebibytes() throws IOException {
    String csv =
        "unit_id,name,parent_id,role,valid_from,note\nBIG,Stor,SOC,,2010-01-01,"
            + "x".repeat(12 * 1024 * 1024)
            + "\n";

    RawHttp.Answer a = post("/api/v1/ingest/org-units", "text/csv", csv);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(post("/api/v1/refresh?wait=120", "application/json", "").status()).isEqualTo(200);
  }

  @Test
  void minor6_scoresAreAsciiDigitsWithoutASign() throws IOException {
    StringBuilder csv = new StringBuilder("followup_id,goal_id,followup_date,score\n");
    JsonNode anyGoal =
        JSON.readTree(
                http.send(
                        "GET",
                        "/api/v1/datasets/goal_followups/rows?limit=1",
                        Map.of("Authorization", "Bearer " + TOKEN),
                        null)
                    .body())
            .get("rows")
            .get(0);
    String goal = anyGoal.get("goal_id").asText();
    int row = 0;
    for (String score : List.of("٧", "７", "١٠", "+7")) {
      csv.append("digit-").append(row++).append(',').append(goal).append(",2021-12-01,");
      csv.append(score).append('\n');
    }

    RawHttp.Answer a = post("/api/v1/ingest/followups", "text/csv", csv.toString());

    assertThat(a.status()).isEqualTo(422);
    for (int r = 1; r <= 4; r++) {
      assertThat(a.body()).contains("row " + r + ", field score: must be an integer 1-10");
    }
  }
}
