package dk.goalattainment.connector.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.store.JdbcStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's own figures (the live report, computed from the stored goals and follow-ups, not
 * from the cube) for one slice of the attainment cube, as the value each saved metric should show:
 * the figure itself, 1 or 0 for the low-N flag, the Wilson interval of a share computed here
 * independently, and the marks against the previous period and the success criteria.
 */
final class EngineFigures {
  /** The key columns of an attainment cube row. */
  static final List<String> KEYS =
      List.of(
          "period", "via", "org_unit", "target_group", "effect_goal", "life_theme", "goal_type");

  private static final double Z = 1.96;
  private static final Map<String, Double> TARGETS =
      Map.of("goal_attainment_avg", 0.6, "followup_on_time_share", 0.9);

  private final JdbcStore store;
  private final Map<Map<String, Object>, Map<String, ReportRow>> cache = new HashMap<>();

  EngineFigures(JdbcStore store) {
    this.store = store;
  }

  /**
   * The engine's report row of the slice a cube row keys ({@link #KEYS}), if it has follow-ups. One
   * live report answers a whole group of slices (the members of one dimension), so the reports are
   * asked grouped by the first dimension the slice fixes and cached.
   */
  Optional<ReportRow> row(Map<String, Object> key) {
    Grouping grouping = Grouping.NONE;
    for (Grouping g :
        List.of(
            Grouping.LIFE_THEME, Grouping.EFFECT_GOAL, Grouping.TARGET_GROUP, Grouping.GOAL_TYPE)) {
      if (code(key, g.goalColumn()) != null) {
        grouping = g;
        break;
      }
    }
    String grouped = grouping.goalColumn();
    Map<String, Object> request = new HashMap<>(key);
    if (grouped != null) {
      request.put(grouped, "*");
      if (grouping == Grouping.LIFE_THEME) {
        request.put("effect_goal", "*"); // a theme's rows carry their effect goal
      }
    }
    request.put("grouping", grouping);
    Map<String, ReportRow> rows =
        cache.computeIfAbsent(
            request,
            k -> {
              Report r =
                  store.report(
                      new ReportRequest(
                          Period.tryParse((String) k.get("period")).orElseThrow(),
                          (String) k.get("org_unit"),
                          Via.fromCode((String) k.get("via")).orElseThrow(),
                          (Grouping) k.get("grouping"),
                          new Filters(
                              code(k, "effect_goal"),
                              code(k, "life_theme"),
                              code(k, "target_group"),
                              code(k, "goal_type"),
                              null)));
              Map<String, ReportRow> byGroup = new HashMap<>();
              r.rows().forEach(row -> byGroup.put(row.group(), row));
              return byGroup;
            });
    return Optional.ofNullable(rows.get(grouped == null ? "*" : code(key, grouped)));
  }

  private static String code(Map<String, Object> key, String column) {
    Object v = key.get(column);
    return v == null || "*".equals(v) ? null : v.toString();
  }

  /** Whether a metric is about goals due (the engine reports those only beside follow-ups). */
  static boolean compliance(String metric) {
    return metric.startsWith("goals_due")
        || metric.startsWith("followup_on_time")
        || metric.startsWith("followups_");
  }

  /** Asserts that a chart cell is the engine's value of {@code metric} for the keyed slice. */
  void assertCell(String what, Map<String, Object> key, String metric, Object cell) {
    Optional<ReportRow> row = row(key);
    if (row.isEmpty()) {
      if (!compliance(metric)) {
        assertThat(cell).as(what + ": a slice without follow-ups has no " + metric).isNull();
      }
      return;
    }
    Object expected = expected(row.get(), metric);
    if (expected instanceof Double d && cell != null) {
      assertThat(((Number) cell).doubleValue()).as(what + " " + metric).isCloseTo(d, within(1e-9));
    } else if (expected instanceof Number n && cell instanceof Number c) {
      assertThat(c.longValue()).as(what + " " + metric).isEqualTo(n.longValue());
    } else {
      assertThat(cell).as(what + " " + metric).isEqualTo(expected);
    }
  }

  /** The value a saved metric should show for a slice the engine reported. */
  static Object expected(ReportRow r, String metric) {
    if (metric.equals("low_n")) {
      return Boolean.TRUE.equals(r.get(ReportColumn.LOW_N)) ? 1L : 0L;
    }
    if (metric.equals("goals_unmet")) {
      return r.count(ReportColumn.GOALS_FOLLOWED_UP) - r.count(ReportColumn.GOALS_MET);
    }
    if (metric.endsWith("_vs_prev")) {
      Double change = r.number(column(metric.replace("_vs_prev", "_change_prev")));
      return change == null ? null : change > 0 ? "+" : change < 0 ? "−" : "=";
    }
    if (metric.endsWith("_vs_target")) {
      String base = metric.replace("_vs_target", "");
      Double value = r.number(column(base));
      return value == null ? null : value >= TARGETS.get(base) ? "+" : "−";
    }
    for (String side : List.of("_ci_low", "_ci_high")) {
      if (metric.endsWith(side) && metric.contains("met_share")) {
        String share = metric.substring(0, metric.length() - side.length());
        if (share.contains("progression")
            || share.contains("maintenance")
            || share.contains("limited_decline")) {
          long n = r.count(ReportColumn.GOALS_FOLLOWED_UP);
          long k = Math.round(r.number(column(share)) * n);
          return wilson(k, n, side.equals("_ci_high"));
        }
      }
    }
    Object v = r.get(column(metric));
    return v instanceof Boolean b ? (b ? 1L : 0L) : v;
  }

  private static ReportColumn column(String id) {
    return ReportColumn.byId(id);
  }

  /** The 95 % Wilson score interval bound of k of n (domain.md §3), independently of the SQL. */
  static Double wilson(long k, long n, boolean high) {
    if (n == 0) {
      return null;
    }
    double p = (double) k / n;
    double z2 = Z * Z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return high ? Math.min(1.0, centre + half) : Math.max(0.0, centre - half);
  }
}
