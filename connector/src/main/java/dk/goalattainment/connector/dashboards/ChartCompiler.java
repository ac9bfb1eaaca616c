package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compiles one kind of chart ({@code viz_type}) into Superset's form data ({@code params}); one
 * subclass per kind. The chart file around it ({@link ChartFiles}) and its query context ({@link
 * QueryContexts}) are shared.
 */
abstract class ChartCompiler {
  /** N below this flags a figure low-N (domain.md §3); tables colour such cells. */
  static final int LOW_N_BELOW = dk.goalattainment.connector.core.semantic.Figures.LOW_N_BELOW;

  private static final Map<String, ChartCompiler> BY_VIZ = new TreeMap<>();

  static {
    for (ChartCompiler c :
        List.of(
            new BigNumberChart(),
            new TimeSeriesChart("echarts_timeseries_bar"),
            new TimeSeriesChart("echarts_timeseries_line"),
            new TableChart(),
            new PivotTableChart(),
            new PieChart())) {
      BY_VIZ.put(c.viz(), c);
    }
  }

  /** The compiler of a viz type. */
  static Optional<ChartCompiler> forViz(String viz) {
    return Optional.ofNullable(viz == null ? null : BY_VIZ.get(viz));
  }

  /** The viz types the specs may use. */
  static Set<String> vizTypes() {
    return BY_VIZ.keySet();
  }

  /** Superset's {@code viz_type}. */
  abstract String viz();

  /** Whether the chart has a time axis (its x_axis is the query's base axis). */
  boolean timeSeries() {
    return false;
  }

  /** How many metrics the kind shows: 0 = any number (at least one). */
  int metricCount() {
    return 0;
  }

  /** Problems of the chart's shape for this kind (metric count, time axis). */
  List<String> shapeProblems(ChartSpec c) {
    List<String> p = new ArrayList<>();
    if (c.metrics().isEmpty() || metricCount() > 0 && c.metrics().size() != metricCount()) {
      p.add(viz() + " needs " + (metricCount() == 1 ? "one" : "a") + " metric");
    }
    if (timeSeries() && (SpecValidator.blank(c.xAxis()) || SpecValidator.blank(c.timeGrain()))) {
      p.add(viz() + " needs x_axis and time_grain");
    }
    return p;
  }

  /** The chart's form data. */
  abstract Map<String, Object> params(Context context);

  /**
   * What a compiler needs.
   *
   * @param chart the chart
   * @param filters its adhoc filters ({@link ChartFilters#adhoc})
   * @param definitions the definitions (metric formats)
   */
  record Context(ChartSpec chart, List<Map<String, Object>> filters, Definitions definitions) {
    /** The d3 format of the chart's first metric. */
    String format() {
      return definitions
          .metric(chart.metrics().get(0))
          .map(MetricDefinition::d3format)
          .orElse(null);
    }

    /** Per metric, its d3 format (a table's or pivot's column config). */
    Map<String, Object> columnConfig() {
      Map<String, Object> config = new LinkedHashMap<>();
      for (String m : chart.metrics()) {
        definitions
            .metric(m)
            .map(MetricDefinition::d3format)
            .ifPresent(f -> config.put(m, Map.of("d3NumberFormat", f)));
      }
      return config;
    }

    /** Cells of N below 20 coloured: the low-N flag where N stands. */
    List<Object> lowN() {
      List<Object> formatting = new ArrayList<>();
      if (chart.metrics().contains("citizens")) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("colorScheme", "#FDE380");
        rule.put("column", "citizens");
        rule.put("operator", "<");
        rule.put("targetValue", LOW_N_BELOW);
        formatting.add(rule);
      }
      if (chart.metrics().contains("low_n")) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("colorScheme", "#FDE380");
        rule.put("column", "low_n");
        rule.put("operator", "=");
        rule.put("targetValue", 1);
        formatting.add(rule);
      }
      return formatting;
    }
  }
}
