package dk.goalattainment.connector.dashboards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code table}: one row per group, one column per metric; low N coloured. */
final class TableChart extends ChartCompiler {
  @Override
  String viz() {
    return "table";
  }

  @Override
  Map<String, Object> params(Context ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("viz_type", viz());
    p.put("query_mode", "aggregate");
    p.put("groupby", ctx.chart().groupby());
    p.put("metrics", ctx.chart().metrics());
    p.put("percent_metrics", List.of());
    p.put("adhoc_filters", ctx.filters());
    p.put("order_by_cols", List.of());
    p.put("row_limit", 1000);
    p.put("server_page_length", 20);
    p.put("order_desc", true);
    p.put("table_timestamp_format", "smart_date");
    p.put("show_cell_bars", true);
    p.put("color_pn", true);
    p.put("allow_render_html", false);
    p.put("column_config", ctx.columnConfig());
    p.put("conditional_formatting", ctx.lowN());
    return p;
  }
}
