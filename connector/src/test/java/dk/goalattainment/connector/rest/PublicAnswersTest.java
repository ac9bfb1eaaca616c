package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.demo.DemoData;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every answer to an anonymous caller is disclosure-controlled (domain.md §4): a sweep over many
 * slices, groupings and filters of the public endpoints finds no published cell under the threshold
 * and no figure that the open-data table withholds, while the same requests with a token do show
 * small cells.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicAnswersTest implements TestPropertyProvider {
  static final String TOKEN = "public-answers-token-0123456789";
  static final int THRESHOLD = 5;
  static final List<String> FIGURES =
      List.of(
          "citizens", "goals_followed_up", "goals_met", "goal_attainment_avg", "goals_met_share");
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject EmbeddedServer server;
  @Inject ConnectorRuntime runtime;

  final ContractHttp client = new ContractHttp();

  /** The open-data table by cell key. */
  Map<String, JsonNode> published = new HashMap<>();

  @Override
  public Map<String, String> getProperties() {
    return TestServers.properties("public-answers", "connector.api.token", TOKEN);
  }

  @BeforeAll
  void loadDemoDataAndReadTheOpenDataTable() throws Exception {
    runtime.ingest().ingest(new DemoData(runtime.catalogue(), 400, 11).batch());
    runtime.refresh(step -> {});
    JsonNode table = JSON.readTree(get("/api/v1/opendata/attainment.json", null).body());
    for (JsonNode row : table.get("rows")) {
      published.put(
          key(
              row.get("period").asText(),
              row.get("via").asText(),
              row.get("org_unit").asText(),
              row.get("target_group").asText(),
              row.get("effect_goal").asText(),
              row.get("life_theme").asText(),
              row.get("goal_type").asText()),
          row);
    }
    assertThat(published).hasSizeGreaterThan(1000);
    assertThat(published.values()).anyMatch(r -> r.get("suppressed").asBoolean());
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build());
  }

  static String key(String... values) {
    return String.join("|", values);
  }

  @Test
  void theStoreDoesHoldCellsUnderTheThresholdThatAnonymousCallersNeverSee() throws Exception {
    assertThat(
            JSON.readTree(get("/api/v1/datasets/attainment/rows?citizens=1&limit=1", TOKEN).body())
                .get("total")
                .asLong())
        .isPositive();
    assertThat(get("/api/v1/datasets/attainment/rows?citizens=1", null).statusCode())
        .isEqualTo(401);
  }

  // --- the sweep ---

  @Test
  void noAnonymousAttainmentAnswerHoldsASmallCellOrAWithheldValue() throws Exception {
    List<String> periods = List.of("2019", "2021-Q4", "2021-Q4R4");
    List<String> groupings =
        List.of(
            "none",
            "effect_goal",
            "life_theme",
            "goal_type",
            "target_group",
            "age_band",
            "org_child");
    List<String> filters =
        List.of(
            "",
            "&age_band=13-17",
            "&target_group=voksne_udsatte",
            "&effect_goal=NM",
            "&life_theme=relationer",
            "&goal_type=progression");
    List<String> problems = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    int publishedRows = 0;
    int withheldRows = 0;
    int smallCellsWithToken = 0;
    int i = 0;
    for (OrgUnit unit : runtime.store().orgUnits()) {
      for (String period : periods) {
        for (String via : List.of("authority", "provider")) {
          for (String by : groupings) {
            String filter = filters.get(i++ % filters.size());
            String q = attainment(period, unit.unitId(), via, by) + filter;
            HttpResponse<String> r = get(q, null);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() != 200) {
              if (r.statusCode() != 401) {
                problems.add(q + " answered " + r.statusCode());
              }
              continue;
            }
            JsonNode doc = JSON.readTree(r.body());
            if (!doc.path("public").asBoolean()) {
              problems.add(q + " is not marked public");
            }
            if (by.equals("age_band") || filter.contains("age_band") || period.contains("R")) {
              problems.add(q + " answered a slice that is not published");
            }
            for (JsonNode row : doc.path("rows")) {
              String problem = check(row, period, via, unit.unitId(), by, filter);
              if (problem != null) {
                problems.add(q + ": " + problem);
              }
              if (row.path("suppressed").asBoolean()) {
                withheldRows++;
              } else {
                publishedRows++;
              }
            }
            if (i % 7 == 0) {
              for (JsonNode row : JSON.readTree(get(q, TOKEN).body()).path("rows")) {
                long n = row.get("citizens").asLong();
                smallCellsWithToken += n > 0 && n < THRESHOLD ? 1 : 0;
              }
            }
          }
        }
      }
    }

    assertThat(problems).isEmpty();
    assertThat(statuses).containsKeys(200, 401);
    assertThat(publishedRows).as("published rows seen").isGreaterThan(50);
    assertThat(withheldRows).as("withheld rows seen").isGreaterThan(30);
    assertThat(smallCellsWithToken)
        .as("with a token the same slices do show cells under the threshold")
        .isPositive();
  }

  private static String attainment(String period, String org, String via, String by) {
    return "/api/v1/attainment?period=" + period + "&org=" + org + "&via=" + via + "&by=" + by;
  }

  @Test
  void theAnonymousCsvCarriesThePublicColumnsOnly() throws Exception {
    HttpResponse<String> r =
        get("/api/v1/attainment?period=2021&org=FBU&by=effect_goal&format=csv", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().lines().findFirst().orElseThrow())
        .isEqualTo(
            "group,citizens,goals_followed_up,goals_met,goal_attainment_avg,goals_met_share,"
                + "suppressed,suppression_reason,group_label,period,org_unit,via,grouping");
  }

  @Test
  void anonymousDatasetRowsAreRefusedWhateverTheFilter() throws Exception {
    for (String dataset : List.of("attainment", "followup_compliance", "goal_followups")) {
      for (String filter : List.of("", "?citizens=1", "?citizens=2&format=csv", "?limit=50000")) {
        HttpResponse<String> r = get("/api/v1/datasets/" + dataset + "/rows" + filter, null);

        assertThat(r.statusCode()).as(dataset + filter).isEqualTo(401);
        assertThat(r.body()).doesNotContain("\"rows\"");
      }
    }
  }

  @Test
  void anonymousMetricEvaluationsUsePublishedFiguresOnly() throws Exception {
    JsonNode metrics = JSON.readTree(get("/api/v1/metrics", null).body()).get("metrics");
    int evaluated = 0;
    for (JsonNode m : metrics) {
      JsonNode doc = JSON.readTree(get("/api/v1/metrics/" + m.get("id").asText(), null).body());
      JsonNode e = doc.get("evaluation");
      if (e.isNull()) {
        continue;
      }
      evaluated++;
      assertThat(e.get("figures").asText()).isEqualTo("public");
      for (String[] pv :
          new String[][] {
            {"baseline_period", "baseline_value"},
            {"period", "value"}
          }) {
        if (e.hasNonNull(pv[1])) {
          JsonNode cell =
              published.get(
                  key(
                      e.get(pv[0]).asText(),
                      "authority",
                      e.get("org").asText(),
                      "*",
                      "*",
                      "*",
                      "*"));
          assertThat(cell).as(m.get("id") + " " + pv[0]).isNotNull();
          assertThat(cell.get("suppressed").asBoolean()).isFalse();
          assertThat(cell.get("citizens").asLong()).isGreaterThanOrEqualTo(THRESHOLD);
          assertThat(e.get(pv[1]).asDouble()).isEqualTo(cell.get(m.get("id").asText()).asDouble());
        }
      }
    }
    assertThat(evaluated).isPositive();
  }

  /** What is wrong with one public row, or null. */
  private String check(
      JsonNode row, String period, String via, String org, String by, String filter) {
    Map<String, String> dims = new LinkedHashMap<>();
    for (String d : List.of("target_group", "effect_goal", "life_theme", "goal_type")) {
      dims.put(d, "*");
    }
    String unit = org;
    String group = row.get("group").asText();
    if (!filter.isEmpty()) {
      String[] f = filter.substring(1).split("=");
      dims.put(f[0], f[1]);
    }
    switch (by) {
      case "org_child" -> unit = group;
      case "none" -> {}
      default -> dims.put(by, group);
    }
    String theme = dims.get("life_theme");
    if (!"*".equals(theme)) {
      dims.put("effect_goal", runtime.catalogue().lifeTheme(theme).orElseThrow().effectGoal());
    }
    JsonNode cell =
        published.get(
            key(
                period,
                via,
                unit,
                dims.get("target_group"),
                dims.get("effect_goal"),
                dims.get("life_theme"),
                dims.get("goal_type")));
    if (cell == null) {
      return "row " + group + " is not in the open-data table";
    }
    boolean suppressed = row.path("suppressed").asBoolean();
    if (suppressed != cell.get("suppressed").asBoolean()) {
      return "row " + group + " is not withheld as in the open-data table";
    }
    for (String figure : FIGURES) {
      // (the service's JSON leaves null members out)
      if (suppressed && !row.path(figure).isMissingNode() && !row.path(figure).isNull()) {
        return "withheld row " + group + " shows " + figure;
      }
      if (!suppressed && !row.get(figure).equals(cell.get(figure))) {
        return "row " + group + " differs from the open-data table in " + figure;
      }
    }
    if (!suppressed && row.get("citizens").asLong() < THRESHOLD) {
      return "row " + group + " is published with fewer than " + THRESHOLD + " citizens";
    }
    return null;
  }
}
