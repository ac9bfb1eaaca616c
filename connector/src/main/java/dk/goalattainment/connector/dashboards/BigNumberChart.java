package dk.goalattainment.connector.dashboards;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code big_number}: one figure of the latest period, with its trendline. */
final class BigNumberChart extends ChartCompiler {
  @Override
  String viz() {
    return "big_number";
  }

  @Override
  boolean timeSeries() {
    return true;
  }

  @Override
  int metricCount() {
    return 1;
  }

  @Override
  Map<String, Object> params(Context ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("viz_type", viz());
    p.put("x_axis", ctx.chart().xAxis());
    p.put("time_grain_sqla", ctx.chart().timeGrain());
    p.put("metric", ctx.chart().metrics().get(0));
    p.put("adhoc_filters", ctx.filters());
    p.put("show_trend_line", true);
    p.put("start_y_axis_at_zero", true);
    p.put("header_font_size", 0.4);
    p.put("subheader_font_size", 0.15);
    p.put("y_axis_format", ctx.format());
    p.put("time_format", "smart_date");
    p.put("rolling_type", "None");
    return p;
  }
}
