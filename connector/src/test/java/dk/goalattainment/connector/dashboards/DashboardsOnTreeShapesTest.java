package dk.goalattainment.connector.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.store.DatasetRefresher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The four dashboards on three org trees (municipality root with teams, the department root of
 * domain.md §5, no teams), run the way Superset runs them against the materialised tables: each
 * opens on its intended node and the latest complete period with every chart cell one cube row
 * holding the engine's figure; and run as Explore, a CSV export or a report would (no native
 * filter), every cell is the engine's figure or empty, never another number.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsOnTreeShapesTest {
  /** Per dashboard: its period filter, the period it opens on, its node filter and level. */
  private record Opening(String period, Object value, String node, String level) {}

  private static final Map<String, Opening> OPENINGS =
      Map.of(
          "byraad", new Opening("year", 2020, "org", "forvaltning"),
          "direktion", new Opening("period", "2021-Q3", "org", "forvaltning"),
          "driftsomraade", new Opening("period", "2021-Q3R4", "area", "driftsomraade"),
          "enhed_team", new Opening("period", "2021-Q3", "unit", "enhed"));

  /**
   * One org tree, refreshed once; its engine figures (live reports, memoised) are shared by both
   * tests, which only read.
   */
  private record World(
      TestStore store, Connection connection, SupersetCharts charts, EngineFigures engine) {}

  private final Map<OrgShapes, World> worlds = new EnumMap<>(OrgShapes.class);

  @BeforeAll
  void buildEveryShape(@TempDir Path dir) throws SQLException {
    for (OrgShapes shape : OrgShapes.values()) {
      TestStore store = new TestStore(dir.resolve(shape.name()));
      store.ingest(shape.batch());
      DatasetRefresher.Result refreshed =
          new DatasetRefresher(store.store).refresh(DashboardTestSupport.definitions(), s -> {});
      assertThat(refreshed.asOf()).isEqualTo(OrgShapes.AS_OF);
      byte[] zip =
          DashboardTestSupport.builder()
              .buildAll(DashboardTestSupport.specs(), Instant.EPOCH)
              .zip();
      Connection c = store.store.dialect().connect();
      worlds.put(
          shape,
          new World(
              store,
              c,
              new SupersetCharts(c, DashboardTestSupport.files(zip)),
              new EngineFigures(store.store)));
    }
  }

  @AfterAll
  void close() throws SQLException {
    for (World w : worlds.values()) {
      w.connection().close();
      w.store().close();
    }
  }

  @ParameterizedTest
  @EnumSource(OrgShapes.class)
  void everyDashboardOpensOnItsNodeAndTheLatestCompletePeriodWithEveryCellOneCubeRow(
      OrgShapes shape) throws SQLException {
    World w = worlds.get(shape);
    EngineFigures engine = w.engine();
    for (Map.Entry<String, Opening> o : OPENINGS.entrySet()) {
      String slug = o.getKey();
      Map<String, Object> values = w.charts().opening(slug);
      assertThat(values.get(NativeFilters.filterId(spec(slug), o.getValue().period())))
          .as(shape + " " + slug + " opens on the latest complete period")
          .isEqualTo(o.getValue().value());
      Object node = values.get(NativeFilters.filterId(spec(slug), o.getValue().node()));
      assertThat(levelOf(w, o.getValue().level(), node))
          .as(shape + " " + slug + " opens on a node of level " + o.getValue().level())
          .isEqualTo(o.getValue().level());
      if (o.getValue().level().equals("forvaltning")) {
        assertThat(node).isEqualTo("Socialforvaltningen · SOC");
      }
      assertThat(values).doesNotContainValue(null);
      for (Map.Entry<Integer, Map<String, Object>> chart : w.charts().charts(slug).entrySet()) {
        String what = shape + " " + slug + " / " + chart.getValue().get("slice_name");
        SupersetCharts.Query q =
            w.charts()
                .query(chart.getValue(), w.charts().nativeConditions(slug, chart.getKey(), values));
        List<Map<String, Object>> rows =
            w.charts().rows(q, w.charts().metricExpressions(chart.getValue()), EngineFigures.KEYS);
        assertThat(rows).as(what + " opens with data").isNotEmpty();
        for (Map<String, Object> row : rows) {
          assertThat(row.get(SupersetCharts.MEMBERS))
              .as(what + " cell " + row + " is one cube row")
              .isEqualTo(1L);
          for (String metric : q.metrics()) {
            engine.assertCell(
                what + " " + row,
                SupersetCharts.key(row, EngineFigures.KEYS),
                metric,
                row.get(metric));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(OrgShapes.class)
  void withoutNativeFiltersEveryCellIsTheEnginesFigureOrEmpty(OrgShapes shape) throws SQLException {
    World w = worlds.get(shape);
    EngineFigures engine = w.engine();
    int exact = 0;
    int empty = 0;
    for (String slug : OPENINGS.keySet()) {
      for (Map<String, Object> chart : w.charts().charts(slug).values()) {
        String what = shape + " " + slug + " / " + chart.get("slice_name") + " in Explore";
        SupersetCharts.Query q = w.charts().query(chart, List.of());
        for (Map<String, Object> row :
            w.charts().rows(q, w.charts().metricExpressions(chart), EngineFigures.KEYS)) {
          long members = ((Number) row.get(SupersetCharts.MEMBERS)).longValue();
          for (String metric : q.metrics()) {
            if (members == 1) {
              engine.assertCell(
                  what + " " + row,
                  SupersetCharts.key(row, EngineFigures.KEYS),
                  metric,
                  row.get(metric));
              exact++;
            } else {
              assertThat(row.get(metric))
                  .as(what + " " + metric + " over " + members + " rows")
                  .isNull();
              empty++;
            }
          }
        }
      }
    }
    assertThat(empty).as("cells over several rows, left empty").isPositive();
    assertThat(exact + empty).isPositive();
  }

  private static DashboardSpec spec(String slug) {
    return DashboardTestSupport.specs().stream()
        .filter(d -> d.slug().equals(slug))
        .findFirst()
        .orElseThrow();
  }

  /** The level of the node whose filter option is {@code option}. */
  private static String levelOf(World w, String level, Object option) throws SQLException {
    Map<String, Object> none = new LinkedHashMap<>();
    try (var ps =
        w.connection()
            .prepareStatement(
                "SELECT org_level FROM dim_org_unit WHERE in_"
                    + level
                    + " = ? AND org_level = ?")) {
      ps.setObject(1, option);
      ps.setString(2, level);
      try (var rs = ps.executeQuery()) {
        String found = rs.next() ? rs.getString(1) : null;
        assertThat(rs.next()).as("one node per option").isFalse();
        none.put("level", found);
      }
    }
    return (String) none.get("level");
  }
}
