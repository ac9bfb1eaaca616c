package dk.goalattainment.connector.dashboards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code echarts_timeseries_bar} and {@code _line}: figures over periods, one series per group. */
final class TimeSeriesChart extends ChartCompiler {
  private final String viz;

  TimeSeriesChart(String viz) {
    this.viz = viz;
  }

  @Override
  String viz() {
    return viz;
  }

  @Override
  boolean timeSeries() {
    return true;
  }

  @Override
  Map<String, Object> params(Context ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("viz_type", viz);
    p.put("x_axis", ctx.chart().xAxis());
    p.put("time_grain_sqla", ctx.chart().timeGrain());
    p.put("x_axis_sort_asc", true);
    p.put("metrics", ctx.chart().metrics());
    p.put("groupby", ctx.chart().groupby());
    p.put("adhoc_filters", ctx.filters());
    p.put("order_desc", true);
    p.put("row_limit", 10000);
    p.put("truncate_metric", true);
    p.put("show_empty_columns", true);
    p.put("comparison_type", "values");
    p.put("annotation_layers", List.of());
    if (viz.equals("echarts_timeseries_bar")) {
      p.put("orientation", "vertical");
      if (Boolean.TRUE.equals(ctx.chart().stack())) {
        p.put("stack", "Stack");
      }
    } else {
      p.put("seriesType", "line");
      p.put("markerEnabled", true);
    }
    p.put("color_scheme", "supersetColors");
    p.put("show_legend", true);
    p.put("legendType", "scroll");
    p.put("legendOrientation", "top");
    p.put("x_axis_time_format", "smart_date");
    p.put("y_axis_format", ctx.format());
    p.put("rich_tooltip", true);
    p.put("tooltipTimeFormat", "smart_date");
    p.put("truncateXAxis", true);
    return p;
  }
}
