package dk.goalattainment.connector.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart's saved {@code query_context}: what {@code POST /api/v1/chart/data} runs for it outside a
 * dashboard. It carries the chart's own filters only, never the dashboard's native-filter values
 * (LIVE-FACTS.md), so the chart's own conditions and the saved metrics' exact-or-nothing rule are
 * all that keep it from showing a wrong number.
 */
final class QueryContexts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueryContexts() {}

  static String of(
      ChartSpec c,
      boolean timeSeries,
      Map<String, Object> params,
      List<Map<String, Object>> adhoc) {
    List<Object> columns = new ArrayList<>();
    if (c.xAxis() != null && timeSeries) {
      Map<String, Object> axis = new LinkedHashMap<>();
      axis.put("timeGrain", c.timeGrain());
      axis.put("columnType", "BASE_AXIS");
      axis.put("sqlExpression", c.xAxis());
      axis.put("label", c.xAxis());
      axis.put("expressionType", "SQL");
      columns.add(axis);
    }
    columns.addAll(c.groupby());
    columns.addAll(c.columns());
    List<Object> filters = new ArrayList<>();
    for (Map<String, Object> a : adhoc) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("col", a.get("subject"));
      f.put("op", a.get("operator"));
      f.put("val", a.get("comparator"));
      filters.add(f);
    }
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("filters", filters);
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("having", "");
    extras.put("where", "");
    query.put("extras", extras);
    query.put("applied_time_extras", Map.of());
    query.put("columns", columns);
    query.put("metrics", c.metrics());
    query.put("orderby", List.of(List.of(c.metrics().get(0), false)));
    query.put("annotation_layers", List.of());
    query.put("row_limit", params.getOrDefault("row_limit", 10000));
    query.put("series_limit", 0);
    query.put("order_desc", true);
    query.put("url_params", Map.of());
    query.put("custom_params", Map.of());
    query.put("custom_form_data", Map.of());
    Map<String, Object> datasource = new LinkedHashMap<>();
    datasource.put("id", 0);
    datasource.put("type", "table");
    Map<String, Object> qc = new LinkedHashMap<>();
    qc.put("datasource", datasource);
    qc.put("force", false);
    qc.put("queries", List.of(query));
    qc.put("form_data", params);
    qc.put("result_format", "json");
    qc.put("result_type", "full");
    try {
      return JSON.writeValueAsString(qc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
