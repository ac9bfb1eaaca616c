package dk.goalattainment.connector.dashboards;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code pivot_table_v2}: groups as rows and columns, each metric side by side per column group
 * (for example a figure for the year and for its last quarter). No totals: a total of the cells
 * would be a sum over rows; the cube's own {@code *} rows are the totals.
 */
final class PivotTableChart extends ChartCompiler {
  @Override
  String viz() {
    return "pivot_table_v2";
  }

  @Override
  Map<String, Object> params(Context ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("viz_type", viz());
    p.put("groupbyRows", ctx.chart().groupby());
    p.put("groupbyColumns", ctx.chart().columns());
    p.put("metrics", ctx.chart().metrics());
    p.put("metricsLayout", "COLUMNS");
    p.put("adhoc_filters", ctx.filters());
    p.put("row_limit", 10000);
    p.put("order_desc", true);
    p.put("aggregateFunction", "Sum");
    p.put("rowTotals", false);
    p.put("colTotals", false);
    p.put("combineMetric", false);
    p.put("valueFormat", ctx.format());
    p.put("date_format", "smart_date");
    p.put("rowOrder", "key_a_to_z");
    p.put("colOrder", "key_a_to_z");
    p.put("conditional_formatting", ctx.lowN());
    return p;
  }
}
