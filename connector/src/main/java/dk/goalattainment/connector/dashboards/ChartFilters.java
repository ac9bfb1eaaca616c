package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.semantic.CubeSlice;
import dk.goalattainment.connector.core.semantic.SavedMetrics;
import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import dk.goalattainment.connector.dashboards.DashboardSpec.FilterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The filters of a chart: which native filters apply to it, and the WHERE conditions it carries
 * itself (its {@code where}, complete periods only, and the cube's slice rule, {@link CubeSlice}).
 * A chart's own conditions are all that Superset runs outside the dashboard (Explore, CSV export,
 * reports, embedded charts): with the saved metrics' exact-or-nothing rule, a cell they leave
 * ambiguous is empty, never a sum.
 */
final class ChartFilters {
  /** The column that marks a complete period (issue 11). */
  static final String COMPLETE = "period_complete";

  private final Definitions definitions;

  ChartFilters(Definitions definitions) {
    this.definitions = definitions;
  }

  /**
   * Whether native filter {@code f} applies to chart {@code c}: not when the chart ignores it, is
   * on another dataset, splits by the filtered dimension, or shows life themes (a theme's rows
   * carry their effect goal, so an effect goal of {@code *} would leave nothing).
   */
  static boolean inScope(FilterSpec f, ChartSpec c) {
    if (c.ignore().contains(f.id()) || !f.dataset().equals(c.dataset())) {
      return false;
    }
    String dim = base(f.column());
    if (splitsBy(c, dim)) {
      return false;
    }
    return !("effect_goal".equals(dim)
        && (splitsBy(c, "life_theme") || c.where().containsKey("life_theme")));
  }

  /** A column's dimension: {@code effect_goal} for {@code effect_goal_label}. */
  static String base(String column) {
    if (column.equals("org_unit_name")) {
      return "org_unit";
    }
    return column.endsWith("_label") ? column.substring(0, column.length() - 6) : column;
  }

  static boolean splitsBy(ChartSpec c, String dim) {
    return c.dimensions().stream().anyMatch(g -> base(g).equals(dim));
  }

  /**
   * The chart's WHERE conditions as Superset adhoc filters: its own {@code where}; {@code
   * period_complete = true} unless it shows incomplete periods; and on a pre-aggregated dataset the
   * slice rule for every catalogue dimension ({@code <> '*'} when split by, nothing when fixed by
   * the chart or by a required native filter in scope, {@code = '*'} otherwise).
   */
  List<Map<String, Object>> adhoc(DashboardSpec d, ChartSpec c) {
    DatasetDefinition ds = definitions.dataset(c.dataset()).orElseThrow();
    List<Map<String, Object>> out = new ArrayList<>();
    c.where().forEach((col, values) -> out.add(condition(ds, col, values)));
    if (ds.column(COMPLETE).isPresent()
        && !Boolean.TRUE.equals(c.partial())
        && !c.where().containsKey(COMPLETE)) {
      out.add(condition(ds, COMPLETE, List.of("true")));
    }
    if (!SavedMetrics.isPreAggregated(ds)) {
      return out;
    }
    CubeSlice slice = CubeSlice.total();
    for (String dim : CubeSlice.DIMENSIONS) {
      if (ds.column(dim).isEmpty()) {
        continue;
      }
      boolean fromFilter =
          d.filters().stream()
              .anyMatch(f -> inScope(f, c) && base(f.column()).equals(dim) && f.isRequired());
      if (splitsBy(c, dim)) {
        slice = Boolean.TRUE.equals(c.totals()) ? slice.free(dim) : slice.grouped(dim);
      } else if (c.where().containsKey(dim) || fromFilter) {
        slice = slice.free(dim);
      }
    }
    for (CubeSlice.Condition condition : slice.conditions()) {
      if (ds.column(condition.column()).isPresent()) {
        out.add(adhoc(condition.column(), condition.equal() ? "==" : "!=", condition.value()));
      }
    }
    return out;
  }

  /** One condition: {@code ==} for one value, {@code IN} for several; values typed by column. */
  static Map<String, Object> condition(DatasetDefinition ds, String column, List<String> values) {
    List<Object> typed = values.stream().map(v -> typed(ds, column, v)).toList();
    return typed.size() == 1 ? adhoc(column, "==", typed.get(0)) : adhoc(column, "IN", typed);
  }

  /** A value as the column's type: Superset compares booleans and numbers as such. */
  static Object typed(DatasetDefinition ds, String column, String value) {
    Optional<String> type = ds.column(column).map(ColumnDefinition::type);
    if (type.isEmpty() || value == null) {
      return value;
    }
    return switch (type.get()) {
      case "BOOLEAN" -> Boolean.parseBoolean(value);
      case "INTEGER", "BIGINT" -> Long.parseLong(value);
      case "DOUBLE" -> Double.parseDouble(value);
      default -> value;
    };
  }

  static Map<String, Object> adhoc(String column, String operator, Object value) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("clause", "WHERE");
    a.put("subject", column);
    a.put("operator", operator);
    a.put("comparator", value);
    a.put("expressionType", "SIMPLE");
    return a;
  }
}
