package dk.goalattainment.connector.superset.client;

import static dk.goalattainment.connector.superset.client.SupersetJson.bool;
import static dk.goalattainment.connector.superset.client.SupersetJson.emptyToNull;
import static dk.goalattainment.connector.superset.client.SupersetJson.filter;
import static dk.goalattainment.connector.superset.client.SupersetJson.nonNull;
import static dk.goalattainment.connector.superset.client.SupersetJson.text;
import static dk.goalattainment.connector.superset.client.SupersetJson.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/dataset/}: list, find, read with columns and metrics, create, update (full
 * replacement of the column and metric lists) and delete.
 */
final class DatasetApi {
  static final String DATASETS = "/api/v1/dataset/";

  private final SupersetHttp http;

  DatasetApi(SupersetHttp http) {
    this.http = http;
  }

  List<DatasetSummary> list(int databaseId) {
    return SupersetJson.list(http, DATASETS, List.of(filter("database", "rel_o_m", databaseId)))
        .stream()
        .map(DatasetApi::summary)
        .toList();
  }

  Optional<DatasetSummary> find(String tableName, String schema, int databaseId) {
    List<Map<String, Object>> filters = new ArrayList<>();
    filters.add(filter("table_name", "eq", tableName));
    filters.add(filter("database", "rel_o_m", databaseId));
    if (schema != null) {
      filters.add(filter("schema", "eq", schema));
    }
    return SupersetJson.list(http, DATASETS, filters).stream()
        .map(DatasetApi::summary)
        .filter(d -> d.tableName().equals(tableName) && d.databaseId() == databaseId)
        .filter(d -> Objects.equals(emptyToNull(d.schema()), emptyToNull(schema)))
        .findFirst();
  }

  SupersetDataset get(int id) {
    JsonNode r = http.get(DATASETS + id, null).path("result");
    List<SupersetColumn> columns = new ArrayList<>();
    for (JsonNode c : r.path("columns")) {
      columns.add(
          new SupersetColumn(
              c.path("id").asInt(),
              text(c, "column_name"),
              text(c, "verbose_name"),
              text(c, "description"),
              text(c, "type"),
              bool(c, "is_dttm"),
              bool(c, "groupby"),
              bool(c, "filterable"),
              text(c, "expression"),
              uuid(c)));
    }
    List<SupersetMetric> metrics = new ArrayList<>();
    for (JsonNode m : r.path("metrics")) {
      metrics.add(
          new SupersetMetric(
              m.path("id").asInt(),
              text(m, "metric_name"),
              text(m, "verbose_name"),
              text(m, "expression"),
              text(m, "description"),
              text(m, "d3format"),
              text(m, "warning_text"),
              text(m, "extra"),
              uuid(m)));
    }
    return new SupersetDataset(
        r.path("id").asInt(id),
        text(r, "table_name"),
        text(r, "schema"),
        r.path("database").path("id").asInt(),
        uuid(r),
        text(r, "description"),
        r.path("is_managed_externally").asBoolean(false),
        r.has("external_url") ? Optional.of(nonNull(text(r, "external_url"))) : Optional.empty(),
        columns,
        metrics);
  }

  int create(DatasetCreate create) {
    ObjectNode body = http.json().createObjectNode();
    body.put("database", create.databaseId());
    if (create.schema() != null) {
      body.put("schema", create.schema());
    }
    body.put("table_name", create.tableName());
    body.put("is_managed_externally", create.managedExternally());
    body.put("external_url", create.externalUrl());
    return http.write("POST", DATASETS, body).path("id").asInt();
  }

  void update(int id, DatasetUpdate update) {
    ObjectNode body = http.json().createObjectNode();
    if (update.description() != null) {
      body.put("description", update.description());
    }
    if (update.managedExternally() != null) {
      body.put("is_managed_externally", update.managedExternally());
    }
    if (update.externalUrl() != null) {
      body.put("external_url", update.externalUrl());
    }
    if (update.columns() != null) {
      requireUniqueNames(update.columns().stream().map(ColumnPut::columnName).toList(), "column");
      ArrayNode columns = body.putArray("columns");
      update.columns().forEach(c -> columns.add(columnBody(c)));
    }
    if (update.metrics() != null) {
      requireUniqueNames(update.metrics().stream().map(MetricPut::metricName).toList(), "metric");
      ArrayNode metrics = body.putArray("metrics");
      update.metrics().forEach(m -> metrics.add(metricBody(m)));
    }
    if (body.isEmpty()) {
      return;
    }
    http.write("PUT", DATASETS + id, body);
  }

  void delete(int id) {
    http.write("DELETE", DATASETS + id, null);
  }

  private ObjectNode columnBody(ColumnPut c) {
    ObjectNode n = http.json().createObjectNode();
    if (c.id() != null) {
      n.put("id", c.id());
    }
    n.put("column_name", c.columnName());
    n.put("verbose_name", c.verboseName());
    n.put("description", c.description());
    n.put("type", c.type());
    n.put("expression", c.expression());
    if (c.isDttm() != null) {
      n.put("is_dttm", c.isDttm());
    }
    if (c.groupby() != null) {
      n.put("groupby", c.groupby());
    }
    if (c.filterable() != null) {
      n.put("filterable", c.filterable());
    }
    if (c.uuid() != null) {
      n.put("uuid", c.uuid().toString());
    }
    return n;
  }

  private ObjectNode metricBody(MetricPut m) {
    ObjectNode n = http.json().createObjectNode();
    if (m.id() != null) {
      n.put("id", m.id());
    }
    n.put("metric_name", m.metricName());
    n.put("expression", m.expression());
    n.put("verbose_name", m.verboseName());
    n.put("description", m.description());
    n.put("d3format", emptyToNull(m.d3format()));
    n.put("warning_text", m.warningText());
    n.put("extra", m.extra());
    if (m.uuid() != null) {
      n.put("uuid", m.uuid().toString());
    }
    return n;
  }

  private static void requireUniqueNames(List<String> names, String what) {
    Set<String> seen = new LinkedHashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            "the " + what + " list names '" + name + "' twice (Superset answers 422)");
      }
    }
  }

  private static DatasetSummary summary(JsonNode d) {
    return new DatasetSummary(
        d.path("id").asInt(),
        text(d, "table_name"),
        text(d, "schema"),
        d.path("database").path("id").asInt(),
        uuid(d));
  }
}
