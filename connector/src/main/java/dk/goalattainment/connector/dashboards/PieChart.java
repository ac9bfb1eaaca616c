package dk.goalattainment.connector.dashboards;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code pie}: one metric split by one dimension. */
final class PieChart extends ChartCompiler {
  @Override
  String viz() {
    return "pie";
  }

  @Override
  int metricCount() {
    return 1;
  }

  @Override
  Map<String, Object> params(Context ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("viz_type", viz());
    p.put("groupby", ctx.chart().groupby());
    p.put("metric", ctx.chart().metrics().get(0));
    p.put("adhoc_filters", ctx.filters());
    p.put("row_limit", 100);
    p.put("sort_by_metric", true);
    p.put("color_scheme", "supersetColors");
    p.put("show_labels_threshold", 5);
    p.put("show_legend", true);
    p.put("legendType", "scroll");
    p.put("legendOrientation", "top");
    p.put("label_type", "key_percent");
    p.put("number_format", ctx.format());
    p.put("date_format", "smart_date");
    p.put("show_labels", true);
    p.put("labels_outside", true);
    p.put("outerRadius", 70);
    p.put("innerRadius", 30);
    p.put("donut", true);
    return p;
  }
}
