package dk.goalattainment.connector.superset.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.core.error.ErrorCode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.glassfish.jersey.media.multipart.file.StreamDataBodyPart;

/**
 * Superset's REST API, as far as the connector needs it: databases, datasets with columns and
 * metrics, roles, row-level security and the assets import.
 *
 * <p>It logs in on first use ({@code POST /api/v1/security/login} with {@code refresh: true}),
 * refreshes the access token once when a call answers 401 (logging in again if the refresh token
 * has expired too), fetches a CSRF token and keeps Superset's session cookie before the first write
 * and sends both (with a same-origin {@code Referer}) on every POST, PUT and DELETE. Lists are read
 * page by page (100 a page) until Superset's {@code count} is reached. 5xx answers, timeouts and
 * broken connections are retried by the {@link RetryPolicy}; 4xx answers are not, and fail with
 * Superset's own message in a {@link SupersetApiException}. A redirect is never taken for success.
 *
 * <p>One instance per Superset; not for concurrent use by several threads (calls are serialised).
 */
public final class SupersetClient implements AutoCloseable {
  /** Superset's page size limit on most list endpoints ({@code FAB_API_MAX_PAGE_SIZE}). */
  public static final int PAGE_SIZE = 100;

  private static final String DATABASES = "/api/v1/database/";
  private static final String DATASETS = "/api/v1/dataset/";
  private static final String ROLES = "/api/v1/security/roles/";
  private static final String RLS = "/api/v1/rowlevelsecurity/";
  private static final String IMPORT = "/api/v1/assets/import/";

  private final SupersetHttp http;

  /** A client for the Superset that {@code config} names; it logs in on first use. */
  public SupersetClient(SupersetConfig config) {
    this.http = new SupersetHttp(Objects.requireNonNull(config, "config"), new ObjectMapper());
  }

  /** Logs in now (it happens on first use anyway): fails early on wrong credentials. */
  public void login() {
    http.login();
  }

  // ---------------------------------------------------------------- databases

  /** Every database the user can see. */
  public List<SupersetDatabase> listDatabases() {
    return list(DATABASES, List.of()).stream().map(SupersetClient::database).toList();
  }

  /** The database named {@code name}, if Superset has one. */
  public Optional<SupersetDatabase> findDatabaseByName(String name) {
    return list(DATABASES, List.of(filter("database_name", "eq", name))).stream()
        .map(SupersetClient::database)
        .filter(d -> d.databaseName().equals(name))
        .findFirst();
  }

  /**
   * The database's connection settings, password masked ({@code GET
   * /api/v1/database/{pk}/connection}).
   */
  public DatabaseConnection getDatabaseConnection(int id) {
    JsonNode r = http.get(DATABASES + id + "/connection", null).path("result");
    return new DatabaseConnection(
        r.path("id").asInt(id),
        text(r, "database_name"),
        text(r, "sqlalchemy_uri"),
        r.path("expose_in_sqllab").asBoolean(false),
        r.path("is_managed_externally").asBoolean(false),
        r.has("external_url") ? Optional.of(nonNull(text(r, "external_url"))) : Optional.empty(),
        uuid(r));
  }

  /**
   * Creates a database and returns its id. Superset tests the connection first and answers 422 when
   * it fails or when the name is taken.
   */
  public int createDatabase(DatabaseRequest request) {
    ObjectNode body = databaseBody(request);
    if (request.uuid() != null) {
      body.put("uuid", request.uuid().toString());
    }
    return http.write("POST", DATABASES, body).path("id").asInt();
  }

  /** Updates a database's name, URI, SQL Lab exposure and management fields. */
  public void updateDatabase(int id, DatabaseRequest request) {
    http.write("PUT", DATABASES + id, databaseBody(request));
  }

  private ObjectNode databaseBody(DatabaseRequest request) {
    ObjectNode body = http.json().createObjectNode();
    body.put("database_name", request.databaseName());
    body.put("sqlalchemy_uri", request.sqlalchemyUri());
    body.put("expose_in_sqllab", request.exposeInSqllab());
    body.put("is_managed_externally", request.managedExternally());
    body.put("external_url", request.externalUrl());
    return body;
  }

  // ---------------------------------------------------------------- datasets

  /** Every dataset in the database with id {@code databaseId}. */
  public List<DatasetSummary> listDatasets(int databaseId) {
    return list(DATASETS, List.of(filter("database", "rel_o_m", databaseId))).stream()
        .map(SupersetClient::datasetSummary)
        .toList();
  }

  /** The dataset on {@code schema.tableName} in database {@code databaseId}, if there is one. */
  public Optional<DatasetSummary> findDataset(String tableName, String schema, int databaseId) {
    List<Map<String, Object>> filters = new ArrayList<>();
    filters.add(filter("table_name", "eq", tableName));
    filters.add(filter("database", "rel_o_m", databaseId));
    if (schema != null) {
      filters.add(filter("schema", "eq", schema));
    }
    return list(DATASETS, filters).stream()
        .map(SupersetClient::datasetSummary)
        .filter(d -> d.tableName().equals(tableName) && d.databaseId() == databaseId)
        .filter(d -> Objects.equals(emptyToNull(d.schema()), emptyToNull(schema)))
        .findFirst();
  }

  /** The dataset with its columns and metrics. */
  /**
   * The dashboard with a slug ({@code GET /api/v1/dashboard/{slug}}): its id, the fingerprint the
   * connector keeps in {@code certification_details}, and its roles; empty when none has the slug.
   */
  public Optional<SupersetDashboard> findDashboard(String slug) {
    JsonNode r;
    try {
      r = http.get("/api/v1/dashboard/" + slug, null).path("result");
    } catch (SupersetApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    List<Role> roles = new ArrayList<>();
    for (JsonNode role : r.path("roles")) {
      roles.add(new Role(role.path("id").asInt(), text(role, "name")));
    }
    return Optional.of(
        new SupersetDashboard(
            r.path("id").asInt(), text(r, "slug"), text(r, "certification_details"), roles));
  }

  /** Sets which roles may open a dashboard ({@code PUT /api/v1/dashboard/{pk}}, {@code roles}). */
  public void updateDashboardRoles(int id, List<Integer> roleIds) {
    com.fasterxml.jackson.databind.node.ObjectNode body =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    com.fasterxml.jackson.databind.node.ArrayNode roles = body.putArray("roles");
    roleIds.forEach(roles::add);
    http.write("PUT", "/api/v1/dashboard/" + id, body);
  }

  public SupersetDataset getDataset(int id) {
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

  /**
   * Creates a dataset on a physical table and returns its id; Superset answers 422 when the table
   * does not exist or a dataset on it exists already.
   */
  public int createDataset(DatasetCreate create) {
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

  /**
   * Updates a dataset. The column and metric lists, when given, replace Superset's: see {@link
   * DatasetUpdate}.
   */
  public void updateDataset(int id, DatasetUpdate update) {
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

  /** Deletes a dataset (and its columns and metrics). */
  public void deleteDataset(int id) {
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

  // ---------------------------------------------------------------- roles and RLS

  /**
   * Every role. The endpoint exists only when Superset runs with {@code FAB_ADD_SECURITY_API =
   * True}; otherwise this fails with a message that says so.
   */
  /**
   * Creates a role with no permissions of its own ({@code POST /api/v1/security/roles/}, FAB's
   * security API) and returns its id: an admin assigns users and base roles.
   */
  public int createRole(String name) {
    ObjectNode body = http.json().createObjectNode();
    body.put("name", name);
    return http.write("POST", ROLES, body).path("id").asInt();
  }

  public List<Role> listRoles() {
    try {
      return list(ROLES, List.of()).stream()
          .map(r -> new Role(r.path("id").asInt(), text(r, "name")))
          .toList();
    } catch (SupersetApiException e) {
      if (e.status() == 404 || e.status() == 405) {
        throw new SupersetApiException(
            ErrorCode.REMOTE_FAILURE,
            "Superset has no roles API at GET "
                + ROLES
                + " ("
                + e.status()
                + "): enable it with FAB_ADD_SECURITY_API = True in superset_config.py and"
                + " restart Superset. Row-level security rules and dashboards need it to look up"
                + " roles.",
            e.status(),
            "GET",
            ROLES,
            e.supersetMessage(),
            e);
      }
      throw e;
    }
  }

  /** Every row-level security rule. */
  public List<RlsRule> listRlsRules() {
    return list(RLS, List.of()).stream().map(SupersetClient::rlsRule).toList();
  }

  /** Creates a row-level security rule and returns its id. */
  public int createRlsRule(RlsRuleRequest request) {
    return http.write("POST", RLS, rlsBody(request)).path("id").asInt();
  }

  /** Replaces a row-level security rule's fields. */
  public void updateRlsRule(int id, RlsRuleRequest request) {
    http.write("PUT", RLS + id, rlsBody(request));
  }

  /** Deletes a row-level security rule. */
  public void deleteRlsRule(int id) {
    http.write("DELETE", RLS + id, null);
  }

  private ObjectNode rlsBody(RlsRuleRequest r) {
    ObjectNode body = http.json().createObjectNode();
    body.put("name", r.name());
    body.put("filter_type", r.filterType().wireName());
    ArrayNode tables = body.putArray("tables");
    r.tableIds().forEach(tables::add);
    ArrayNode roles = body.putArray("roles");
    r.roleIds().forEach(roles::add);
    body.put("clause", r.clause());
    body.put("group_key", r.groupKey());
    body.put("description", r.description());
    return body;
  }

  // ---------------------------------------------------------------- assets import

  /**
   * Imports a bundle ({@code POST /api/v1/assets/import/}, multipart field {@code bundle}). The
   * assets import always overwrites what it finds by UUID. {@code passwords} are keyed by the
   * database file's path in the bundle without its root folder, for example {@code
   * databases/goal_attainment.yaml}.
   */
  public void importAssets(byte[] bundleZip, Map<String, String> passwords) {
    Objects.requireNonNull(bundleZip, "bundleZip");
    String passwordJson;
    try {
      passwordJson = http.json().writeValueAsString(new LinkedHashMap<>(passwords));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try {
      importOnce(bundleZip, passwordJson, !passwords.isEmpty());
    } catch (SupersetApiException e) {
      if (e.status() < 500 && e.status() != 0) {
        throw e;
      }
      throw new SupersetApiException(
          ErrorCode.REMOTE_FAILURE,
          "Superset could not import the bundle ("
              + (e.status() == 0 ? "no answer" : e.status() + " " + e.supersetMessage())
              + "). It was not sent again: Superset reports any failure inside an import this way,"
              + " and its cause is in the bundle, not the network. Likely causes: a field that"
              + " Superset's importers read unconditionally is missing (databases: uuid,"
              + " sqlalchemy_uri, allow_csv_upload, extra; datasets: uuid, database_uuid; charts:"
              + " params, viz_type, uuid; dashboards: uuid, position, metadata), or a database of"
              + " the same name exists in Superset under another UUID. Superset's log names the"
              + " error (a KeyError or IntegrityError in the importer).",
          e.status(),
          "POST",
          IMPORT,
          e.supersetMessage(),
          e);
    }
  }

  private void importOnce(byte[] bundleZip, String passwordJson, boolean withPasswords) {
    http.writeMultipartOnce(
        IMPORT,
        () -> {
          FormDataMultiPart form = new FormDataMultiPart();
          form.bodyPart(
              new StreamDataBodyPart(
                  "bundle",
                  new java.io.ByteArrayInputStream(bundleZip),
                  "bundle.zip",
                  new MediaType("application", "zip")));
          if (withPasswords) {
            form.field("passwords", passwordJson);
          }
          return Entity.entity(form, form.getMediaType());
        });
  }

  // ---------------------------------------------------------------- helpers

  private List<JsonNode> list(String path, List<Map<String, Object>> filters) {
    List<JsonNode> all = new ArrayList<>();
    Set<Integer> seen = new LinkedHashSet<>();
    for (int page = 0; ; page++) {
      Map<String, Object> q = new LinkedHashMap<>();
      if (!filters.isEmpty()) {
        q.put("filters", filters);
      }
      q.put("page", page);
      q.put("page_size", PAGE_SIZE);
      JsonNode answer = http.get(path, Rison.encode(q));
      JsonNode result = answer.path("result");
      int count = answer.path("count").asInt(0);
      for (JsonNode item : result) {
        if (!item.has("id") || seen.add(item.path("id").asInt())) {
          all.add(item);
        }
      }
      if (result.isEmpty() || all.size() >= count || page > count / PAGE_SIZE + 1) {
        return all;
      }
    }
  }

  private static Map<String, Object> filter(String column, String operator, Object value) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("col", column);
    f.put("opr", operator);
    f.put("value", value);
    return f;
  }

  private static SupersetDatabase database(JsonNode d) {
    return new SupersetDatabase(
        d.path("id").asInt(), text(d, "database_name"), uuid(d), bool(d, "expose_in_sqllab"));
  }

  private static DatasetSummary datasetSummary(JsonNode d) {
    return new DatasetSummary(
        d.path("id").asInt(),
        text(d, "table_name"),
        text(d, "schema"),
        d.path("database").path("id").asInt(),
        uuid(d));
  }

  private static RlsRule rlsRule(JsonNode r) {
    List<RlsTable> tables = new ArrayList<>();
    for (JsonNode t : r.path("tables")) {
      tables.add(new RlsTable(t.path("id").asInt(), text(t, "schema"), text(t, "table_name")));
    }
    List<Role> roles = new ArrayList<>();
    for (JsonNode role : r.path("roles")) {
      roles.add(new Role(role.path("id").asInt(), text(role, "name")));
    }
    return new RlsRule(
        r.path("id").asInt(),
        text(r, "name"),
        FilterType.ofWireName(r.path("filter_type").asText("Regular")),
        tables,
        roles,
        nonNull(text(r, "clause")),
        text(r, "group_key"),
        text(r, "description"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static Boolean bool(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asBoolean();
  }

  private static UUID uuid(JsonNode node) {
    String v = text(node, "uuid");
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(v);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public void close() {
    http.close();
  }
}
