package dk.goalattainment.connector.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a dashboard bundle's charts the way Superset does, against the materialised tables: a
 * chart's saved query context (its columns, time grain, saved metrics and its own filters), with or
 * without the dashboard's native-filter values. The native filters open as Superset opens them: a
 * default value, or the first value of the filter's options in its sort order, the options being
 * the distinct values of its column under its own conditions and its cascade parents' values.
 */
final class SupersetCharts {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One condition: column, operator ({@code ==}, {@code !=}, {@code IN}) and value(s). */
  record Condition(String column, String operator, Object value) {}

  /** A chart's query: its SQL with parameters, and the names of its dimensions and metrics. */
  record Query(
      String table,
      List<String> dimensions,
      List<String> dimensionSql,
      List<String> metrics,
      List<Condition> conditions) {}

  private final Connection connection;
  private final Map<String, Object> files;

  SupersetCharts(Connection connection, Map<String, Object> files) {
    this.connection = connection;
    this.files = files;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> dashboard(String slug) {
    return (Map<String, Object>) files.get("dashboards/" + slug + ".yaml");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> nativeFilters(String slug) {
    Map<String, Object> metadata = (Map<String, Object>) dashboard(slug).get("metadata");
    return (List<Map<String, Object>>) metadata.get("native_filter_configuration");
  }

  /** The charts of a dashboard by their id in its position. */
  @SuppressWarnings("unchecked")
  Map<Integer, Map<String, Object>> charts(String slug) {
    Map<String, Object> position = (Map<String, Object>) dashboard(slug).get("position");
    Map<String, Map<String, Object>> byUuid = new LinkedHashMap<>();
    files.forEach(
        (path, doc) -> {
          if (path.startsWith("charts/")) {
            byUuid.put((String) ((Map<String, Object>) doc).get("uuid"), (Map<String, Object>) doc);
          }
        });
    Map<Integer, Map<String, Object>> out = new LinkedHashMap<>();
    position.forEach(
        (key, node) -> {
          if (key.startsWith("CHART-")) {
            Map<String, Object> meta =
                (Map<String, Object>) ((Map<String, Object>) node).get("meta");
            out.put((Integer) meta.get("chartId"), byUuid.get((String) meta.get("uuid")));
          }
        });
    return out;
  }

  /** The table and saved metric expressions of the dataset with {@code uuid}. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> dataset(String uuid) {
    for (Map.Entry<String, Object> f : files.entrySet()) {
      Map<String, Object> y = (Map<String, Object>) f.getValue();
      if (f.getKey().startsWith("datasets/") && uuid.equals(y.get("uuid"))) {
        return y;
      }
    }
    throw new AssertionError("no dataset " + uuid + " in the bundle");
  }

  /** The table of the dataset with {@code uuid}. */
  String table(String datasetUuid) {
    return (String) dataset(datasetUuid).get("table_name");
  }

  /** The saved metrics of a chart's dataset: name → expression. */
  @SuppressWarnings("unchecked")
  Map<String, String> metricExpressions(Map<String, Object> chart) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Object m : (List<Object>) dataset((String) chart.get("dataset_uuid")).get("metrics")) {
      Map<String, Object> metric = (Map<String, Object>) m;
      out.put((String) metric.get("metric_name"), (String) metric.get("expression"));
    }
    return out;
  }

  /**
   * The value of every native filter when the dashboard opens, by filter id (null when none is
   * chosen).
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> opening(String slug) throws SQLException {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    for (Map<String, Object> f : nativeFilters(slug)) {
      byId.put((String) f.get("id"), f);
      Map<String, Object> mask = (Map<String, Object>) f.get("defaultDataMask");
      List<Object> value =
          (List<Object>) ((Map<String, Object>) mask.get("filterState")).get("value");
      Map<String, Object> control = (Map<String, Object>) f.get("controlValues");
      if (value != null && !value.isEmpty()) {
        values.put((String) f.get("id"), value.get(0));
      } else if (Boolean.TRUE.equals(control.get("defaultToFirstItem"))) {
        values.put((String) f.get("id"), firstOption(f, byId, values));
      } else {
        values.put((String) f.get("id"), null);
      }
    }
    return values;
  }

  /** The first of a filter's options, as Superset orders them (by the column, in the database). */
  @SuppressWarnings("unchecked")
  private Object firstOption(
      Map<String, Object> f, Map<String, Map<String, Object>> byId, Map<String, Object> chosen)
      throws SQLException {
    Map<String, Object> target = ((List<Map<String, Object>>) f.get("targets")).get(0);
    String column = (String) ((Map<String, Object>) target.get("column")).get("name");
    List<Condition> conditions = new ArrayList<>();
    for (Object a : (List<Object>) f.getOrDefault("adhoc_filters", List.of())) {
      conditions.add(fromAdhoc((Map<String, Object>) a));
    }
    for (Object parent : (List<Object>) f.get("cascadeParentIds")) {
      Map<String, Object> p = byId.get((String) parent);
      Map<String, Object> pt = ((List<Map<String, Object>>) p.get("targets")).get(0);
      conditions.add(
          new Condition(
              (String) ((Map<String, Object>) pt.get("column")).get("name"),
              "IN",
              List.of(chosen.get((String) parent))));
    }
    boolean ascending =
        Boolean.TRUE.equals(((Map<String, Object>) f.get("controlValues")).get("sortAscending"));
    List<Object> params = new ArrayList<>();
    String sql =
        "SELECT DISTINCT "
            + column
            + " FROM "
            + table((String) target.get("datasetUuid"))
            + where(conditions, params)
            + " ORDER BY 1 "
            + (ascending ? "ASC" : "DESC")
            + " LIMIT 1";
    List<Map<String, Object>> rows = run(sql, params);
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  /** The native-filter conditions that reach chart {@code chartId} with these filter values. */
  @SuppressWarnings("unchecked")
  List<Condition> nativeConditions(String slug, int chartId, Map<String, Object> values) {
    List<Condition> out = new ArrayList<>();
    for (Map<String, Object> f : nativeFilters(slug)) {
      Object value = values.get((String) f.get("id"));
      if (value == null || !((List<Object>) f.get("chartsInScope")).contains(chartId)) {
        continue;
      }
      Map<String, Object> target = ((List<Map<String, Object>>) f.get("targets")).get(0);
      out.add(
          new Condition(
              (String) ((Map<String, Object>) target.get("column")).get("name"),
              "IN",
              List.of(value)));
    }
    return out;
  }

  /** The query a chart's saved query context implies, with {@code extra} conditions added. */
  Query query(Map<String, Object> chart, List<Condition> extra) {
    JsonNode q;
    try {
      q = JSON.readTree((String) chart.get("query_context")).path("queries").get(0);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    List<String> dimensions = new ArrayList<>();
    List<String> dimensionSql = new ArrayList<>();
    for (JsonNode c : q.path("columns")) {
      if (c.isTextual()) {
        dimensions.add(c.asText());
        dimensionSql.add(c.asText());
      } else {
        String unit =
            switch (c.path("timeGrain").asText()) {
              case "P1Y" -> "year";
              case "P3M" -> "quarter";
              case "P1M" -> "month";
              default -> throw new AssertionError("time grain " + c.path("timeGrain"));
            };
        dimensions.add(c.path("label").asText());
        dimensionSql.add("DATE_TRUNC('" + unit + "', " + c.path("sqlExpression").asText() + ")");
      }
    }
    List<String> metrics = new ArrayList<>();
    q.path("metrics").forEach(m -> metrics.add(m.asText()));
    List<Condition> conditions = new ArrayList<>();
    for (JsonNode f : q.path("filters")) {
      conditions.add(
          new Condition(
              f.path("col").asText(),
              f.path("op").asText(),
              JSON.convertValue(f.get("val"), Object.class)));
    }
    conditions.addAll(extra);
    return new Query(
        table((String) chart.get("dataset_uuid")), dimensions, dimensionSql, metrics, conditions);
  }

  /** The number of table rows behind a result row, under this key. */
  static final String MEMBERS = "__members";

  /**
   * Runs a chart query: one row per group, the dimensions and metrics by name, and {@link
   * #MEMBERS}, the number of table rows in the group, with the values of {@code keys} when it is
   * one (under the key's name prefixed by {@code __}).
   */
  List<Map<String, Object>> rows(Query query, Map<String, String> expressions, List<String> keys)
      throws SQLException {
    List<String> select = new ArrayList<>();
    for (int i = 0; i < query.dimensions().size(); i++) {
      select.add(query.dimensionSql().get(i) + " AS \"" + query.dimensions().get(i) + "\"");
    }
    for (String m : query.metrics()) {
      select.add(expressions.get(m) + " AS \"" + m + "\"");
    }
    select.add("COUNT(*) AS \"" + MEMBERS + "\"");
    for (String k : keys) {
      select.add("MIN(" + k + ") AS \"__" + k + "\"");
    }
    List<Object> params = new ArrayList<>();
    String sql =
        "SELECT "
            + String.join(", ", select)
            + " FROM "
            + query.table()
            + where(query.conditions(), params)
            + (query.dimensions().isEmpty()
                ? ""
                : " GROUP BY " + String.join(", ", query.dimensionSql()));
    return run(sql, params);
  }

  /** The key of the single table row behind a result row ({@link #rows}). */
  static Map<String, Object> key(Map<String, Object> row, List<String> keys) {
    Map<String, Object> key = new LinkedHashMap<>();
    keys.forEach(k -> key.put(k, row.get("__" + k)));
    return key;
  }

  private static Condition fromAdhoc(Map<String, Object> a) {
    return new Condition(
        (String) a.get("subject"), (String) a.get("operator"), a.get("comparator"));
  }

  private static String where(List<Condition> conditions, List<Object> params) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    for (Condition c : conditions) {
      sql.append(" AND ").append(c.column());
      switch (c.operator()) {
        case "==" -> {
          sql.append(" = ?");
          params.add(c.value());
        }
        case "!=" -> {
          sql.append(" <> ?");
          params.add(c.value());
        }
        case "IN" -> {
          List<?> values = (List<?>) c.value();
          sql.append(" IN (").append(String.join(", ", values.stream().map(v -> "?").toList()));
          sql.append(")");
          params.addAll(values);
        }
        default -> throw new AssertionError("operator " + c.operator());
      }
    }
    return sql.toString();
  }

  private List<Map<String, Object>> run(String sql, List<Object> params) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        ps.setObject(i + 1, p instanceof Integer n ? Long.valueOf(n) : p);
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            if (v instanceof java.math.BigDecimal b) {
              v = b.doubleValue();
            }
            row.put(md.getColumnLabel(i), v);
          }
          rows.add(row);
        }
      }
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + " in: " + sql, e);
    }
    return rows;
  }
}
