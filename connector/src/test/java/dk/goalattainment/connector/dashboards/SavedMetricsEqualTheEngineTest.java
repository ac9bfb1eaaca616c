package dk.goalattainment.connector.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.core.semantic.CubeSlice;
import dk.goalattainment.connector.store.DatasetRefresher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every saved metric, evaluated over the materialised dataset the way Superset queries it (GROUP BY
 * the chart's dimension, WHERE its conditions, real SQL on DuckDB), equals the engine's live report
 * for several hundred slices: every period kind, org level and view, grouped by each catalogue
 * dimension and by org child, with and without filters. On the citizen-grain drill-down the metrics
 * are real aggregates and equal the engine too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedMetricsEqualTheEngineTest {
  private static final List<String> PERIODS =
      List.of("2019", "2020", "2020-Q2", "2021-Q3", "2020-Q4R4", "2021-Q3R4");
  private static final List<String> ORGS =
      List.of("AAK", "SOC", "FBU", "SUV", "BC", "SPN", "FBU-M", "SUV-M", "BC-T1", "CFP");
  private static final List<Grouping> GROUPINGS =
      List.of(
          Grouping.NONE,
          Grouping.EFFECT_GOAL,
          Grouping.LIFE_THEME,
          Grouping.TARGET_GROUP,
          Grouping.GOAL_TYPE,
          Grouping.ORG_CHILD);

  private TestStore db;
  private Connection connection;
  private Definitions definitions;

  @BeforeAll
  void refresh(@TempDir Path dir) throws SQLException {
    db = new TestStore(dir);
    db.ingest(OrgShapes.MUNICIPALITY_WITH_TEAMS.batch());
    definitions = DashboardTestSupport.definitions();
    new DatasetRefresher(db.store).refresh(definitions, s -> {});
    connection = db.store.dialect().connect();
  }

  @AfterAll
  void close() throws SQLException {
    connection.close();
    db.close();
  }

  private Map<String, String> expressions(String dataset) {
    DatasetDefinition d = definitions.dataset(dataset).orElseThrow();
    Map<String, String> out = new LinkedHashMap<>();
    for (MetricDefinition m : definitions.metricsOf(d)) {
      out.put(m.id(), m.expressions().get(d.id()));
    }
    return out;
  }

  /** Superset's query of a chart grouped by {@code group}: one row per group value. */
  private Map<String, Map<String, Object>> query(
      String table, Map<String, String> metrics, String group, String where, List<Object> params)
      throws SQLException {
    List<String> select = new ArrayList<>(List.of(group + " AS g"));
    metrics.forEach((id, sql) -> select.add(sql + " AS \"" + id + "\""));
    String sql =
        "SELECT "
            + String.join(", ", select)
            + " FROM "
            + table
            + " WHERE "
            + where
            + " GROUP BY 1";
    Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (String id : metrics.keySet()) {
            Object v = rs.getObject(id);
            row.put(id, v instanceof java.math.BigDecimal b ? b.doubleValue() : v);
          }
          rows.put(rs.getString("g"), row);
        }
      }
    }
    return rows;
  }

  @Test
  void everySavedMetricOnTheCubeEqualsTheEngineForEverySlice() throws SQLException {
    Map<String, String> metrics = expressions("attainment");
    int slices = 0;
    int turn = 0;
    for (String period : PERIODS) {
      for (String org : ORGS) {
        for (Via via : Via.values()) {
          // every grouping and filter in turn, so that each period, node and view meets several
          Grouping grouping = GROUPINGS.get(turn % GROUPINGS.size());
          List<Filters> filters = filtersFor(grouping);
          slices +=
              compare(
                  metrics,
                  period,
                  org,
                  via,
                  grouping,
                  filters.get(turn / GROUPINGS.size() % filters.size()));
          turn++;
        }
      }
    }
    assertThat(slices).as("slices with follow-ups compared").isGreaterThanOrEqualTo(200);
  }

  private static List<Filters> filtersFor(Grouping grouping) {
    return switch (grouping) {
      case EFFECT_GOAL ->
          List.of(Filters.NONE, new Filters(null, null, "voksne_udsatte", null, null));
      case GOAL_TYPE -> List.of(Filters.NONE, new Filters("PU", null, null, null, null));
      case TARGET_GROUP -> List.of(Filters.NONE, new Filters(null, "relationer", null, null, null));
      default -> List.of(Filters.NONE);
    };
  }

  /** Compares one grouped query with the engine's report; returns the groups compared. */
  private int compare(
      Map<String, String> metrics,
      String period,
      String org,
      Via via,
      Grouping grouping,
      Filters filters)
      throws SQLException {
    CubeSlice slice = CubeSlice.total();
    String group = grouping == Grouping.ORG_CHILD ? "org_unit" : grouping.goalColumn();
    if (group != null && grouping != Grouping.ORG_CHILD) {
      slice = slice.grouped(group);
    }
    for (Map.Entry<String, String> f : filters.byColumn().entrySet()) {
      slice = slice.fixed(f.getKey(), f.getValue());
    }
    List<Object> params = new ArrayList<>(List.of(period, org, via.code()));
    String where =
        "period = ? AND "
            + (grouping == Grouping.ORG_CHILD ? "parent_org_unit" : "org_unit")
            + " = ? AND via = ? AND "
            + slice.literalSql();
    Map<String, Map<String, Object>> cube =
        query("ds_attainment", metrics, group == null ? "'*'" : group, where, params);
    Map<String, ReportRow> engine = new LinkedHashMap<>();
    db.store
        .report(
            new ReportRequest(Period.tryParse(period).orElseThrow(), org, via, grouping, filters))
        .rows()
        .forEach(r -> engine.put(r.group(), r));
    String what = period + " " + org + " " + via + " by " + grouping + " " + filters;
    assertThat(cube.keySet()).as(what + ": every group of the engine").containsAll(engine.keySet());
    for (Map.Entry<String, Map<String, Object>> g : cube.entrySet()) {
      ReportRow r = engine.get(g.getKey());
      for (Map.Entry<String, Object> cell : g.getValue().entrySet()) {
        String where2 = what + " group " + g.getKey() + " metric " + cell.getKey();
        if (r == null) {
          if (!EngineFigures.compliance(cell.getKey())) {
            assertThat(cell.getValue()).as(where2 + " (no follow-ups)").isNull();
          }
          continue;
        }
        assertEqual(where2, EngineFigures.expected(r, cell.getKey()), cell.getValue());
      }
    }
    return engine.size();
  }

  private static void assertEqual(String what, Object expected, Object actual) {
    if (expected instanceof Double d) {
      assertThat(actual).as(what).isNotNull();
      assertThat(((Number) actual).doubleValue())
          .as(what)
          .isCloseTo(d, org.assertj.core.api.Assertions.within(1e-9));
    } else if (expected instanceof Number n) {
      assertThat(actual).as(what).isNotNull();
      assertThat(((Number) actual).longValue()).as(what).isEqualTo(n.longValue());
    } else {
      assertThat(actual).as(what).isEqualTo(expected);
    }
  }

  @Test
  void theComplianceMetricsEqualTheEngine() throws SQLException {
    Map<String, String> metrics = expressions("followup_compliance");
    int compared = 0;
    for (String period : PERIODS) {
      for (String org : List.of("AAK", "FBU", "SPN", "BC")) {
        for (Via via : Via.values()) {
          Map<String, Map<String, Object>> cube =
              query(
                  "ds_followup_compliance",
                  metrics,
                  "target_group",
                  "period = ? AND org_unit = ? AND via = ?",
                  List.of(period, org, via.code()));
          for (ReportRow r :
              db.store
                  .report(
                      new ReportRequest(
                          Period.tryParse(period).orElseThrow(), org, via, Grouping.TARGET_GROUP))
                  .rows()) {
            if (r.get(ReportColumn.GOALS_DUE) == null) {
              continue;
            }
            Map<String, Object> row = cube.get(r.group());
            assertThat(row).as(period + " " + org + " " + via + " " + r.group()).isNotNull();
            row.forEach(
                (m, v) ->
                    assertEqual(
                        period + " " + org + " " + r.group() + " " + m,
                        EngineFigures.expected(r, m),
                        v));
            compared++;
          }
        }
      }
    }
    assertThat(compared).isPositive();
  }

  @Test
  void theDrillDownMetricsAreRealAggregatesEqualToTheEngine() throws SQLException {
    Map<String, String> metrics = expressions("goal_followups");
    assertThat(metrics).containsEntry("citizens", "COUNT(DISTINCT citizen_key)");
    int compared = 0;
    for (String period : List.of("2020-Q2", "2021-Q3", "2019-Q4")) {
      for (String org : ORGS) {
        for (Via via : Via.values()) {
          String path = path(org);
          String column = via == Via.AUTHORITY ? "authority_org_path" : "provider_org_path";
          Map<String, Map<String, Object>> cube =
              query(
                  "ds_goal_followups",
                  metrics,
                  "effect_goal",
                  "period = ? AND starts_with(" + column + ", ?)",
                  List.of(period, path));
          for (ReportRow r :
              db.store
                  .report(
                      new ReportRequest(
                          Period.tryParse(period).orElseThrow(), org, via, Grouping.EFFECT_GOAL))
                  .rows()) {
            Map<String, Object> row = cube.get(r.group());
            assertThat(row).as(period + " " + org + " " + via + " " + r.group()).isNotNull();
            row.forEach(
                (m, v) ->
                    assertEqual(
                        period + " " + org + " " + r.group() + " " + m,
                        EngineFigures.expected(r, m),
                        v));
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(20);
  }

  private String path(String org) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT org_path FROM dim_org_unit WHERE unit_id = ?")) {
      ps.setString(1, org);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
