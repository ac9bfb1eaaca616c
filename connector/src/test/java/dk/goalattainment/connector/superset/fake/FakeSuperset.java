package dk.goalattainment.connector.superset.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A small in-memory Superset: enough of its REST API, with its real behaviour where the OpenAPI
 * spec is silent, for the client and the sync to run against. WireMock hands every request to
 * {@link #handle}.
 *
 * <p>Simulated, as read from Superset's source: JWT login with refresh token, 401 {@code {"msg":
 * "Token has expired"}} after {@link #expireAccessTokens()}; Flask-WTF CSRF on every
 * POST/PUT/DELETE but login and refresh (token from {@code GET /api/v1/security/csrf_token/} bound
 * to the {@code session} cookie; without it JSON writes get 400 with Superset's {@code errors} body
 * and multipart writes a 302 to {@code /login/}); rison {@code q=} with {@code eq} and {@code
 * rel_o_m} filters and page sizes clamped to 100; database names unique (422); dataset create
 * reading the physical table's columns and adding a {@code count} metric; dataset PUT with
 * full-replacement columns and metrics (422 "One or more metrics already exist", "… are
 * duplicated", "… do not exist"); dataset GET without {@code external_url} (Superset does not show
 * it); RLS rules with unique names; roles listed and created (FAB's security API: 201, a name in
 * use 422), absent when {@link #disableRolesApi()} (404, as without {@code FAB_ADD_SECURITY_API});
 * the assets import (ZIP with a root folder, upsert by UUID or physical identity, passwords by
 * file; validated, then one transaction, as {@link FakeImportCheck} describes: a bundle without a
 * field Superset's importers read unconditionally gets 500 "Import failed for an unknown reason"
 * and changes nothing); dashboards upserted by UUID keeping their id and roles, their roles set by
 * {@code PUT} and shown with id and name by {@code GET}. Injected faults: status codes and delays.
 */
public final class FakeSuperset {
  public static final String USERNAME = "admin";
  public static final String PASSWORD = "s3cret-Pa55";
  private static final int MAX_PAGE_SIZE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern BEARER = Pattern.compile("Bearer (.+)");

  /** A request as WireMock saw it; header names lower-case. */
  public record Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      byte[] body,
      Map<String, byte[]> parts) {}

  /** A response to give; {@code delayMs} delays it. */
  public record Response(int status, Map<String, String> headers, String body, int delayMs) {}

  private record Fault(String method, Pattern path, int status, int delayMs, AtomicInteger left) {}

  // ------------------------------------------------------------ state

  private final AtomicInteger ids = new AtomicInteger(100);
  private final Map<Integer, Db> databases = new TreeMap<>();
  private final Map<Integer, Ds> datasets = new TreeMap<>();
  private final Map<Integer, RoleRow> roles = new TreeMap<>();
  private final Map<Integer, Rls> rlsRules = new TreeMap<>();
  private final Map<String, Map<String, String>> physicalTables = new HashMap<>();
  private final Set<String> accessTokens = new HashSet<>();
  private final Set<String> refreshTokens = new HashSet<>();
  private final Map<String, String> sessions = new HashMap<>();
  private final List<Fault> faults = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<String> importedFiles = new ArrayList<>();
  private final Map<String, ObjectNode> dashboards = new LinkedHashMap<>();
  private boolean rolesApi = true;
  private boolean rejectCsrf;
  private boolean rejectCookies;

  /** A database row. */
  public static final class Db {
    public int id;
    public String name;
    public String uri;
    public String password;
    public boolean expose;
    public boolean managed;
    public String externalUrl;
    public UUID uuid;
  }

  /** A dataset row with its columns and metrics. */
  public static final class Ds {
    public int id;
    public int dbId;
    public String schema;
    public String table;
    public String description;
    public boolean managed;
    public String externalUrl;
    public UUID uuid;
    public final List<Col> columns = new ArrayList<>();
    public final List<Met> metrics = new ArrayList<>();

    public Met metric(String name) {
      return metrics.stream().filter(m -> m.name.equals(name)).findFirst().orElse(null);
    }

    public Col column(String name) {
      return columns.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
    }
  }

  /** A dataset column. */
  public static final class Col {
    public int id;
    public String name;
    public String verbose;
    public String description;
    public String type;
    public String expression;
    public Boolean isDttm = false;
    public Boolean groupby = true;
    public Boolean filterable = true;
    public UUID uuid = UUID.randomUUID();
  }

  /** A saved metric. */
  public static final class Met {
    public int id;
    public String name;
    public String verbose;
    public String expression;
    public String description;
    public String d3format;
    public String warningText;
    public String extra;
    public UUID uuid = UUID.randomUUID();
  }

  /** A role. */
  public record RoleRow(int id, String name) {}

  /** A row-level security rule. */
  public static final class Rls {
    public int id;
    public String name;
    public String filterType;
    public String clause;
    public String groupKey;
    public String description;
    public List<Integer> tables = new ArrayList<>();
    public List<Integer> roles = new ArrayList<>();
  }

  // ------------------------------------------------------------ set-up and inspection

  /** A table Superset can see, for {@code POST /api/v1/dataset/}: column name to SQL type. */
  public void addPhysicalTable(String schema, String table, Map<String, String> columns) {
    physicalTables.put(schema + "." + table, new LinkedHashMap<>(columns));
  }

  /** Adds a role. */
  public synchronized int addRole(String name) {
    int id = ids.incrementAndGet();
    roles.put(id, new RoleRow(id, name));
    return id;
  }

  /** Adds a database directly, as if someone created it by hand. */
  public synchronized Db addDatabase(String name, String uri, UUID uuid, boolean managed) {
    Db db = new Db();
    db.id = ids.incrementAndGet();
    db.name = name;
    db.uri = uri;
    db.expose = true;
    db.managed = managed;
    db.uuid = uuid;
    databases.put(db.id, db);
    return db;
  }

  /** Adds a dataset directly. */
  public synchronized Ds addDataset(
      Db db, String schema, String table, UUID uuid, boolean managed) {
    Ds ds = new Ds();
    ds.id = ids.incrementAndGet();
    ds.dbId = db.id;
    ds.schema = schema;
    ds.table = table;
    ds.uuid = uuid;
    ds.managed = managed;
    datasets.put(ds.id, ds);
    return ds;
  }

  /** Adds a metric to a dataset directly. */
  public synchronized Met addMetric(Ds ds, String name, String expression, UUID uuid) {
    Met m = new Met();
    m.id = ids.incrementAndGet();
    m.name = name;
    m.expression = expression;
    if (uuid != null) {
      m.uuid = uuid;
    }
    ds.metrics.add(m);
    return m;
  }

  /** Adds an RLS rule directly. */
  public synchronized Rls addRlsRule(String name, List<Integer> tables, List<Integer> roleIds) {
    Rls r = new Rls();
    r.id = ids.incrementAndGet();
    r.name = name;
    r.filterType = "Regular";
    r.clause = "1 = 1";
    r.tables = new ArrayList<>(tables);
    r.roles = new ArrayList<>(roleIds);
    rlsRules.put(r.id, r);
    return r;
  }

  public synchronized List<Db> databases() {
    return List.copyOf(databases.values());
  }

  public synchronized List<Ds> datasets() {
    return List.copyOf(datasets.values());
  }

  public synchronized Ds dataset(String table) {
    return datasets.values().stream().filter(d -> d.table.equals(table)).findFirst().orElse(null);
  }

  public synchronized List<Rls> rlsRules() {
    return List.copyOf(rlsRules.values());
  }

  /** The files of every imported bundle (root folder removed), in order. */
  /** The ids of the roles a dashboard is open to. */
  public synchronized List<Integer> dashboardRoles(String slug) {
    List<Integer> ids = new ArrayList<>();
    ObjectNode d = dashboards.get(slug);
    if (d != null) {
      d.path("roles").forEach(r -> ids.add(r.path("id").asInt()));
    }
    return ids;
  }

  public synchronized List<String> importedFiles() {
    return List.copyOf(importedFiles);
  }

  /** Problems the OpenAPI validator cannot see (multipart fields, Referer); must stay empty. */
  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** Every access token issued so far stops working (as when the JWT expires). */
  public synchronized void expireAccessTokens() {
    accessTokens.clear();
  }

  /** Refresh tokens stop working too. */
  public synchronized void expireRefreshTokens() {
    refreshTokens.clear();
  }

  /** Server-side sessions vanish (as after a restart with a new SECRET_KEY): CSRF tokens die. */
  public synchronized void dropSessions() {
    sessions.clear();
  }

  /** Every CSRF check fails from now on. */
  public synchronized void rejectCsrfAlways() {
    rejectCsrf = true;
  }

  /** The session cookie is never accepted (a proxy that strips cookies). */
  public synchronized void rejectCookiesAlways() {
    rejectCookies = true;
  }

  /** {@code /api/v1/security/roles/} does not exist (no {@code FAB_ADD_SECURITY_API}). */
  public synchronized void disableRolesApi() {
    rolesApi = false;
  }

  /** The next {@code times} matching requests fail with {@code status}. */
  public synchronized void failNext(String method, String pathRegex, int status, int times) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), status, 0, new AtomicInteger(times)));
  }

  /**
   * The status of a {@link Response} whose connection is reset after the request was read: the
   * request arrived (and counts as made), the answer never comes.
   */
  public static final int CONNECTION_RESET = -1;

  /**
   * The next {@code times} matching requests are read and then their connection is reset: Superset
   * may or may not have applied them, the client cannot tell.
   */
  public synchronized void resetNext(String method, String pathRegex, int times) {
    faults.add(
        new Fault(
            method, Pattern.compile(pathRegex), CONNECTION_RESET, 0, new AtomicInteger(times)));
  }

  /** The next {@code times} matching requests are answered after {@code delayMs}. */
  public synchronized void delayNext(String method, String pathRegex, int delayMs, int times) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), 0, delayMs, new AtomicInteger(times)));
  }

  // ------------------------------------------------------------ request handling

  /** Answers one request as Superset would. */
  public synchronized Response handle(Request r) {
    int delay = 0;
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.method().equals(r.method()) && f.path().matcher(r.path()).matches()) {
        if (f.left().decrementAndGet() <= 0) {
          it.remove();
        }
        if (f.status() == CONNECTION_RESET) {
          return new Response(CONNECTION_RESET, Map.of(), "", 0);
        }
        if (f.status() > 0) {
          return json(
              f.status(),
              f.status() >= 500
                  ? errors(f.status() + " Internal Server Error: injected fault")
                  : message("injected fault"));
        }
        delay = f.delayMs();
        break;
      }
    }
    Response response;
    try {
      response = route(r);
    } catch (BadRequest e) {
      response = json(400, message(e.getMessage()));
    }
    return delay == 0
        ? response
        : new Response(response.status(), response.headers(), response.body(), delay);
  }

  private Response route(Request r) {
    String m = r.method();
    String p = r.path();
    if (p.equals("/api/v1/security/login") && m.equals("POST")) {
      return login(r);
    }
    if (p.equals("/api/v1/security/refresh") && m.equals("POST")) {
      String token = bearer(r);
      if (token == null || !refreshTokens.contains(token)) {
        return json(401, obj().put("msg", "Token has expired"));
      }
      String access = "access-" + UUID.randomUUID();
      accessTokens.add(access);
      return json(200, obj().put("access_token", access));
    }
    if (!p.startsWith("/api/v1/")) {
      return notFound();
    }
    String token = bearer(r);
    if (token == null) {
      return json(401, obj().put("msg", "Missing Authorization Header"));
    }
    if (!accessTokens.contains(token)) {
      return json(401, obj().put("msg", "Token has expired"));
    }
    if (p.equals("/api/v1/security/csrf_token/") && m.equals("GET")) {
      return csrfToken(r);
    }
    if (!m.equals("GET")) {
      Response refused = checkCsrf(r);
      if (refused != null) {
        return refused;
      }
    }
    Matcher id;
    if (p.equals("/api/v1/database/")) {
      return m.equals("GET") ? listDatabases(r) : m.equals("POST") ? createDatabase(r) : notFound();
    }
    if ((id = match("/api/v1/database/(\\d+)/connection", p)) != null && m.equals("GET")) {
      return databaseConnection(Integer.parseInt(id.group(1)));
    }
    if ((id = match("/api/v1/database/(\\d+)", p)) != null && m.equals("PUT")) {
      return updateDatabase(Integer.parseInt(id.group(1)), r);
    }
    if (p.equals("/api/v1/dataset/")) {
      return m.equals("GET") ? listDatasets(r) : m.equals("POST") ? createDataset(r) : notFound();
    }
    if ((id = match("/api/v1/dashboard/(\\d+)", p)) != null && m.equals("PUT")) {
      int pk = Integer.parseInt(id.group(1));
      ObjectNode d =
          dashboards.values().stream()
              .filter(x -> x.path("id").asInt() == pk)
              .findFirst()
              .orElse(null);
      if (d == null) {
        return json(404, message("Not found"));
      }
      JsonNode body = body(r);
      for (JsonNode roleId : body.path("roles")) {
        if (!roles.containsKey(roleId.asInt())) {
          return json(422, message("Role " + roleId.asInt() + " does not exist"));
        }
      }
      ArrayNode dashboardRoles = d.putArray("roles");
      for (JsonNode roleId : body.path("roles")) {
        dashboardRoles
            .addObject()
            .put("id", roleId.asInt())
            .put("name", roles.get(roleId.asInt()).name());
      }
      ObjectNode answer = JSON.createObjectNode();
      answer.put("id", pk);
      return json(200, answer);
    }
    if ((id = match("/api/v1/dashboard/([^/]+)", p)) != null && m.equals("GET")) {
      ObjectNode d = dashboards.get(id.group(1));
      if (d == null) {
        return json(404, message("Not found"));
      }
      ObjectNode body = JSON.createObjectNode();
      body.set("result", d);
      return json(200, body);
    }
    if ((id = match("/api/v1/dataset/(\\d+)", p)) != null) {
      int pk = Integer.parseInt(id.group(1));
      return switch (m) {
        case "GET" -> getDataset(pk);
        case "PUT" -> updateDataset(pk, r);
        case "DELETE" -> deleteDataset(pk);
        default -> notFound();
      };
    }
    if (p.equals("/api/v1/security/roles/") && m.equals("GET")) {
      return rolesApi ? listRoles(r) : notFound();
    }
    if (p.equals("/api/v1/security/roles/") && m.equals("POST")) {
      return rolesApi ? createRole(r) : notFound();
    }
    if (p.equals("/api/v1/rowlevelsecurity/")) {
      return m.equals("GET") ? listRls(r) : m.equals("POST") ? createRls(r) : notFound();
    }
    if ((id = match("/api/v1/rowlevelsecurity/(\\d+)", p)) != null) {
      int pk = Integer.parseInt(id.group(1));
      return switch (m) {
        case "PUT" -> updateRls(pk, r);
        case "DELETE" -> deleteRls(pk);
        default -> notFound();
      };
    }
    if (p.equals("/api/v1/assets/import/") && m.equals("POST")) {
      return importAssets(r);
    }
    return notFound();
  }

  private Response login(Request r) {
    JsonNode body = body(r);
    if (!USERNAME.equals(body.path("username").asText())
        || !PASSWORD.equals(body.path("password").asText())
        || !"db".equals(body.path("provider").asText())) {
      return json(401, message("Not authorized"));
    }
    String access = "access-" + UUID.randomUUID();
    accessTokens.add(access);
    ObjectNode out = obj().put("access_token", access);
    if (body.path("refresh").asBoolean(false)) {
      String refresh = "refresh-" + UUID.randomUUID();
      refreshTokens.add(refresh);
      out.put("refresh_token", refresh);
    }
    return json(200, out);
  }

  private Response csrfToken(Request r) {
    String session = cookie(r, "session");
    if (session == null || !sessions.containsKey(session)) {
      session = UUID.randomUUID().toString();
      sessions.put(session, "csrf-" + UUID.randomUUID());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Set-Cookie", "session=" + session + "; HttpOnly; Path=/; SameSite=Lax");
    return new Response(200, headers, obj().put("result", sessions.get(session)).toString(), 0);
  }

  /** Flask-WTF's check, and Superset's CSRFError handler: 400 JSON, or a redirect for a form. */
  private Response checkCsrf(Request r) {
    String referer = r.headers().get("referer");
    String origin = "http://" + r.headers().get("host");
    if (referer == null || !(referer.equals(origin) || referer.startsWith(origin + "/"))) {
      violations.add(
          r.method() + " " + r.path() + " sent no same-origin Referer (got " + referer + ")");
    }
    String session = rejectCookies ? null : cookie(r, "session");
    String token = r.headers().get("x-csrftoken");
    String problem = null;
    if (token == null) {
      problem = "The CSRF token is missing.";
    } else if (session == null || !sessions.containsKey(session)) {
      problem = "The CSRF session token is missing.";
    } else if (rejectCsrf || !sessions.get(session).equals(token)) {
      problem = "The CSRF tokens do not match.";
    }
    if (problem == null) {
      return null;
    }
    String contentType = r.headers().getOrDefault("content-type", "");
    if (contentType.startsWith("application/json")) {
      return json(400, errors("400 Bad Request: " + problem));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Location", "/login/");
    headers.put("Content-Type", "text/html; charset=utf-8");
    return new Response(302, headers, "<p>Redirecting to <a href=\"/login/\">/login/</a></p>", 0);
  }

  // ------------------------------------------------------------ databases

  private Response listDatabases(Request r) {
    List<ObjectNode> rows = new ArrayList<>();
    for (Db db : databases.values()) {
      ObjectNode n = obj();
      n.put("id", db.id);
      n.put("database_name", db.name);
      n.put("uuid", db.uuid == null ? null : db.uuid.toString());
      n.put("expose_in_sqllab", db.expose);
      n.put("backend", db.uri.split("[:+]")[0]);
      n.put("allow_dml", false);
      rows.add(n);
    }
    return page(r, rows);
  }

  private Response databaseConnection(int pk) {
    Db db = databases.get(pk);
    if (db == null) {
      return json(404, message("Not found"));
    }
    ObjectNode n = obj();
    n.put("id", db.id);
    n.put("database_name", db.name);
    n.put("sqlalchemy_uri", maskPassword(db.uri));
    n.put("expose_in_sqllab", db.expose);
    n.put("is_managed_externally", db.managed);
    n.put("uuid", db.uuid == null ? null : db.uuid.toString());
    n.put("backend", db.uri.split("[:+]")[0]);
    return json(200, obj().put("id", db.id).set("result", n));
  }

  private Response createDatabase(Request r) {
    JsonNode b = body(r);
    String name = b.path("database_name").asText();
    if (databases.values().stream().anyMatch(d -> d.name.equals(name))) {
      return json(
          422,
          obj()
              .set(
                  "message",
                  obj()
                      .set("database_name", arr("A database with the same name already exists."))));
    }
    Db db = new Db();
    db.id = ids.incrementAndGet();
    db.name = name;
    setUri(db, b.path("sqlalchemy_uri").asText());
    db.expose = b.path("expose_in_sqllab").asBoolean(true);
    db.managed = b.path("is_managed_externally").asBoolean(false);
    db.externalUrl = text(b, "external_url");
    db.uuid = b.hasNonNull("uuid") ? UUID.fromString(b.get("uuid").asText()) : UUID.randomUUID();
    databases.put(db.id, db);
    return json(201, obj().put("id", db.id).set("result", resultEcho(b)));
  }

  private Response updateDatabase(int pk, Request r) {
    Db db = databases.get(pk);
    if (db == null) {
      return json(404, message("Not found"));
    }
    JsonNode b = body(r);
    if (b.has("database_name")) {
      String name = b.get("database_name").asText();
      if (databases.values().stream().anyMatch(d -> d.id != pk && d.name.equals(name))) {
        return json(
            422,
            obj()
                .set(
                    "message",
                    obj()
                        .set(
                            "database_name",
                            arr("A database with the same name already exists."))));
      }
      db.name = name;
    }
    if (b.has("sqlalchemy_uri")) {
      setUri(db, b.get("sqlalchemy_uri").asText());
    }
    if (b.has("expose_in_sqllab")) {
      db.expose = b.get("expose_in_sqllab").asBoolean();
    }
    if (b.has("is_managed_externally")) {
      db.managed = b.get("is_managed_externally").asBoolean();
    }
    if (b.has("external_url")) {
      db.externalUrl = text(b, "external_url");
    }
    return json(200, obj().put("id", db.id).set("result", resultEcho(b)));
  }

  /** Superset keeps the password apart and keeps the old one when given the mask. */
  private static void setUri(Db db, String uri) {
    Matcher m = Pattern.compile("^([^:/]+://[^:/@]*):([^@]*)@").matcher(uri);
    if (m.find()) {
      if (!m.group(2).equals("XXXXXXXXXX")) {
        db.password = m.group(2);
      }
      db.uri =
          m.group(1)
              + ":"
              + (db.password == null ? "" : db.password)
              + "@"
              + uri.substring(m.end());
    } else {
      db.uri = uri;
    }
  }

  private static String maskPassword(String uri) {
    return uri.replaceFirst("^([^:/]+://[^:/@]*):([^@]*)@", "$1:XXXXXXXXXX@");
  }

  // ------------------------------------------------------------ datasets

  private Response listDatasets(Request r) {
    List<ObjectNode> rows = new ArrayList<>();
    for (Ds ds : datasets.values()) {
      Db db = databases.get(ds.dbId);
      ObjectNode n = obj();
      n.put("id", ds.id);
      n.put("table_name", ds.table);
      n.put("schema", ds.schema);
      n.set("database", obj().put("id", db.id).put("database_name", db.name));
      n.put("uuid", ds.uuid.toString());
      n.put("kind", "physical");
      n.put("description", ds.description);
      n.put("sql", (String) null);
      rows.add(n);
    }
    return page(r, rows);
  }

  private Response getDataset(int pk) {
    Ds ds = datasets.get(pk);
    if (ds == null) {
      return json(404, message("Not found"));
    }
    Db db = databases.get(ds.dbId);
    ObjectNode n = obj();
    n.put("id", ds.id);
    n.put("table_name", ds.table);
    n.put("schema", ds.schema);
    n.set(
        "database",
        obj().put("id", db.id).put("database_name", db.name).put("backend", "postgresql"));
    n.put("description", ds.description);
    n.put("is_managed_externally", ds.managed);
    n.put("uuid", ds.uuid.toString());
    n.put("sql", (String) null);
    n.put("main_dttm_col", (String) null);
    n.put("cache_timeout", (Integer) null);
    n.put("kind", "physical");
    ArrayNode cols = n.putArray("columns");
    for (Col c : ds.columns) {
      ObjectNode cn = cols.addObject();
      cn.put("id", c.id);
      cn.put("column_name", c.name);
      cn.put("verbose_name", c.verbose);
      cn.put("description", c.description);
      cn.put("type", c.type);
      cn.put("type_generic", (Integer) null);
      cn.put("expression", c.expression);
      cn.put("is_dttm", c.isDttm);
      cn.put("groupby", c.groupby);
      cn.put("filterable", c.filterable);
      cn.put("is_active", true);
      cn.put("python_date_format", (String) null);
      cn.put("advanced_data_type", (String) null);
      cn.put("extra", (String) null);
      cn.put("uuid", c.uuid == null ? null : c.uuid.toString());
    }
    ArrayNode mets = n.putArray("metrics");
    for (Met m : ds.metrics) {
      ObjectNode mn = mets.addObject();
      mn.put("id", m.id);
      mn.put("metric_name", m.name);
      mn.put("verbose_name", m.verbose);
      mn.put("expression", m.expression);
      mn.put("description", m.description);
      mn.put("d3format", m.d3format);
      mn.put("warning_text", m.warningText);
      mn.put("extra", m.extra);
      mn.put("metric_type", (String) null);
      mn.put("currency", (String) null);
      mn.put("uuid", m.uuid == null ? null : m.uuid.toString());
    }
    return json(200, obj().put("id", ds.id).set("result", n));
  }

  private Response createDataset(Request r) {
    JsonNode b = body(r);
    int dbId = b.path("database").asInt();
    String schema = text(b, "schema");
    String table = b.path("table_name").asText();
    if (!databases.containsKey(dbId)) {
      return json(422, obj().set("message", obj().set("database", arr("Database does not exist"))));
    }
    if (findDataset(dbId, schema, table) != null) {
      return json(
          422,
          obj().set("message", obj().set("table", arr("Dataset " + table + " already exists"))));
    }
    Map<String, String> physical = physicalTables.get(schema + "." + table);
    if (physical == null) {
      return json(
          422,
          obj()
              .set(
                  "message",
                  obj()
                      .set(
                          "table",
                          arr(
                              "Table ["
                                  + table
                                  + "] could not be found, please double check your database"
                                  + " connection, schema, and table name"))));
    }
    Ds ds = new Ds();
    ds.id = ids.incrementAndGet();
    ds.dbId = dbId;
    ds.schema = schema;
    ds.table = table;
    ds.uuid = UUID.randomUUID();
    ds.managed = b.path("is_managed_externally").asBoolean(false);
    ds.externalUrl = text(b, "external_url");
    physical.forEach(
        (name, type) -> {
          Col c = new Col();
          c.id = ids.incrementAndGet();
          c.name = name;
          c.type = type;
          c.isDttm = type.toUpperCase(Locale.ROOT).contains("DATE");
          ds.columns.add(c);
        });
    Met count = new Met();
    count.id = ids.incrementAndGet();
    count.name = "count";
    count.verbose = "COUNT(*)";
    count.expression = "COUNT(*)";
    ds.metrics.add(count);
    datasets.put(ds.id, ds);
    return json(201, obj().put("id", ds.id).set("result", resultEcho(b)));
  }

  private Response updateDataset(int pk, Request r) {
    Ds ds = datasets.get(pk);
    if (ds == null) {
      return json(404, message("Not found"));
    }
    JsonNode b = body(r);
    if (b.has("columns")) {
      String problem =
          checkList(
              b.get("columns"),
              "column_name",
              ds.columns.stream()
                  .collect(LinkedHashMap::new, (map, c) -> map.put(c.id, c.name), Map::putAll),
              "columns");
      if (problem != null) {
        return json(422, obj().set("message", obj().set("columns", arr(problem))));
      }
    }
    if (b.has("metrics")) {
      String problem =
          checkList(
              b.get("metrics"),
              "metric_name",
              ds.metrics.stream()
                  .collect(LinkedHashMap::new, (map, m) -> map.put(m.id, m.name), Map::putAll),
              "metrics");
      if (problem != null) {
        return json(422, obj().set("message", obj().set("metrics", arr(problem))));
      }
    }
    if (b.has("description")) {
      ds.description = text(b, "description");
    }
    if (b.has("is_managed_externally")) {
      ds.managed = b.get("is_managed_externally").asBoolean();
    }
    if (b.has("external_url")) {
      ds.externalUrl = text(b, "external_url");
    }
    if (b.has("columns")) {
      Map<Integer, Col> byId = new HashMap<>();
      ds.columns.forEach(c -> byId.put(c.id, c));
      List<Col> next = new ArrayList<>();
      for (JsonNode n : b.get("columns")) {
        Col c = n.has("id") ? byId.get(n.get("id").asInt()) : new Col();
        if (!n.has("id")) {
          c.id = ids.incrementAndGet();
        }
        c.name = n.get("column_name").asText();
        if (n.has("verbose_name")) c.verbose = text(n, "verbose_name");
        if (n.has("description")) c.description = text(n, "description");
        if (n.has("type")) c.type = text(n, "type");
        if (n.has("expression")) c.expression = text(n, "expression");
        if (n.has("is_dttm")) c.isDttm = n.get("is_dttm").asBoolean();
        if (n.has("groupby")) c.groupby = n.get("groupby").asBoolean();
        if (n.has("filterable")) c.filterable = n.get("filterable").asBoolean();
        if (n.hasNonNull("uuid")) c.uuid = UUID.fromString(n.get("uuid").asText());
        next.add(c);
      }
      ds.columns.clear();
      ds.columns.addAll(next);
    }
    if (b.has("metrics")) {
      Map<Integer, Met> byId = new HashMap<>();
      ds.metrics.forEach(m -> byId.put(m.id, m));
      List<Met> next = new ArrayList<>();
      for (JsonNode n : b.get("metrics")) {
        Met m = n.has("id") ? byId.get(n.get("id").asInt()) : new Met();
        if (!n.has("id")) {
          m.id = ids.incrementAndGet();
        }
        m.name = n.get("metric_name").asText();
        m.expression = n.get("expression").asText();
        if (n.has("verbose_name")) m.verbose = text(n, "verbose_name");
        if (n.has("description")) m.description = text(n, "description");
        if (n.has("d3format")) m.d3format = text(n, "d3format");
        if (n.has("warning_text")) m.warningText = text(n, "warning_text");
        if (n.has("extra")) m.extra = text(n, "extra");
        if (n.hasNonNull("uuid")) m.uuid = UUID.fromString(n.get("uuid").asText());
        next.add(m);
      }
      ds.metrics.clear();
      ds.metrics.addAll(next);
    }
    return json(200, obj().put("id", ds.id).set("result", resultEcho(b)));
  }

  /** UpdateDatasetCommand's checks on a column or metric list, with Superset's messages. */
  private static String checkList(
      JsonNode list, String nameField, Map<Integer, String> existing, String what) {
    Set<String> names = new HashSet<>();
    for (JsonNode n : list) {
      if (!names.add(n.path(nameField).asText())) {
        return "One or more " + what + " are duplicated";
      }
    }
    for (JsonNode n : list) {
      if (n.has("id") && !existing.containsKey(n.get("id").asInt())) {
        return "One or more " + what + " do not exist";
      }
    }
    for (JsonNode n : list) {
      if (!n.has("id") && existing.containsValue(n.path(nameField).asText())) {
        return "One or more " + what + " already exist";
      }
    }
    return null;
  }

  private Response deleteDataset(int pk) {
    if (datasets.remove(pk) == null) {
      return json(404, message("Not found"));
    }
    rlsRules.values().forEach(r -> r.tables.remove(Integer.valueOf(pk)));
    return json(200, message("OK"));
  }

  private Ds findDataset(int dbId, String schema, String table) {
    return datasets.values().stream()
        .filter(d -> d.dbId == dbId && d.table.equals(table) && Objects.equals(d.schema, schema))
        .findFirst()
        .orElse(null);
  }

  // ------------------------------------------------------------ roles and RLS

  private Response listRoles(Request r) {
    List<ObjectNode> rows = new ArrayList<>();
    roles.values().forEach(role -> rows.add(obj().put("id", role.id()).put("name", role.name())));
    return page(r, rows);
  }

  /** FAB's role create: 201 with the new id; a name in use is 422. */
  private Response createRole(Request r) {
    JsonNode b = body(r);
    String name = b.path("name").asText("");
    if (name.isEmpty() || name.length() > 64) {
      return json(
          400, obj().set("message", obj().set("name", arr("Length must be between 1 and 64."))));
    }
    if (roles.values().stream().anyMatch(role -> role.name().equals(name))) {
      return json(422, message("Already exists."));
    }
    int id = addRole(name);
    ObjectNode answer = obj().put("id", id);
    answer.set("result", obj().put("name", name));
    return json(201, answer);
  }

  /** The names of every role. */
  public synchronized List<String> roleNames() {
    return roles.values().stream().map(RoleRow::name).toList();
  }

  private Response listRls(Request r) {
    List<ObjectNode> rows = new ArrayList<>();
    for (Rls rule : rlsRules.values()) {
      ObjectNode n = obj();
      n.put("id", rule.id);
      n.put("name", rule.name);
      n.put("filter_type", rule.filterType);
      n.put("clause", rule.clause);
      n.put("group_key", rule.groupKey);
      n.put("description", rule.description);
      ArrayNode tables = n.putArray("tables");
      for (int t : rule.tables) {
        Ds ds = datasets.get(t);
        tables.addObject().put("id", t).put("schema", ds.schema).put("table_name", ds.table);
      }
      ArrayNode rs = n.putArray("roles");
      for (int id : rule.roles) {
        rs.addObject().put("id", id).put("name", roles.get(id).name());
      }
      rows.add(n);
    }
    return page(r, rows);
  }

  private Response createRls(Request r) {
    JsonNode b = body(r);
    String name = b.path("name").asText();
    if (rlsRules.values().stream().anyMatch(x -> x.name.equals(name))) {
      return json(422, obj().set("message", obj().set("name", arr("Name must be unique"))));
    }
    Rls rule = new Rls();
    rule.id = ids.incrementAndGet();
    Response problem = applyRls(rule, b);
    if (problem != null) {
      return problem;
    }
    rlsRules.put(rule.id, rule);
    return json(201, obj().put("id", rule.id).set("result", resultEcho(b)));
  }

  private Response updateRls(int pk, Request r) {
    Rls rule = rlsRules.get(pk);
    if (rule == null) {
      return json(404, message("Not found"));
    }
    JsonNode b = body(r);
    Response problem = applyRls(rule, b);
    return problem != null
        ? problem
        : json(200, obj().put("id", rule.id).set("result", resultEcho(b)));
  }

  private Response applyRls(Rls rule, JsonNode b) {
    List<Integer> tables = new ArrayList<>();
    b.path("tables").forEach(t -> tables.add(t.asInt()));
    List<Integer> roleIds = new ArrayList<>();
    b.path("roles").forEach(t -> roleIds.add(t.asInt()));
    if (!datasets.keySet().containsAll(tables)) {
      return json(422, obj().set("message", obj().set("tables", arr("Datasource does not exist"))));
    }
    if (!roles.keySet().containsAll(roleIds)) {
      return json(422, obj().set("message", obj().set("roles", arr("Some roles do not exist"))));
    }
    rule.name = b.path("name").asText(rule.name);
    rule.filterType = b.path("filter_type").asText(rule.filterType);
    rule.clause = b.path("clause").asText(rule.clause);
    rule.groupKey = text(b, "group_key");
    rule.description = text(b, "description");
    rule.tables = tables;
    rule.roles = roleIds;
    return null;
  }

  private Response deleteRls(int pk) {
    return rlsRules.remove(pk) == null ? json(404, message("Not found")) : json(200, message("OK"));
  }

  // ------------------------------------------------------------ assets import

  private Response importAssets(Request r) {
    if (r.parts() == null) {
      return json(400, message("Request is not multipart"));
    }
    Set<String> allowed = OpenApiSpec.multipartFields("/api/v1/assets/import/", "post");
    for (String part : r.parts().keySet()) {
      if (!allowed.contains(part)) {
        violations.add("assets import sent form field '" + part + "', which the spec lacks");
      }
    }
    byte[] bundle = r.parts().get("bundle");
    if (bundle == null) {
      return json(400, message("Arguments are not correct"));
    }
    Map<String, String> passwords = new HashMap<>();
    if (r.parts().containsKey("passwords")) {
      JsonNode p = parse(new String(r.parts().get("passwords"), StandardCharsets.UTF_8));
      p.fields().forEachRemaining(e -> passwords.put(e.getKey(), e.getValue().asText()));
    }
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        String name = e.getName();
        int slash = name.indexOf('/');
        files.put(
            slash < 0 ? name : name.substring(slash + 1),
            new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return json(400, message("Not a ZIP file"));
    }
    if (!files.containsKey("metadata.yaml")) {
      return importError("metadata.yaml: Missing metadata.yaml");
    }
    Map<String, JsonNode> configs = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        configs.put(f.getKey(), YAML.readTree(f.getValue()));
      }
    } catch (IOException e) {
      return importError("invalid YAML: " + e.getMessage());
    }
    JsonNode metadata = configs.get("metadata.yaml");
    if (!metadata.hasNonNull("version")
        || (metadata.has("type") && !"assets".equals(metadata.get("type").asText()))) {
      return importError("metadata.yaml: version missing or type is not assets");
    }
    Response refused = FakeImportCheck.check(configs, this::databaseNamedOtherwise);
    if (refused != null) {
      return refused;
    }
    Map<String, Db> dbByUuid = new HashMap<>();
    for (Map.Entry<String, JsonNode> c : configs.entrySet()) {
      if (!c.getKey().startsWith("databases/")) {
        continue;
      }
      JsonNode y = c.getValue();
      UUID uuid = UUID.fromString(y.get("uuid").asText());
      Db db = databases.values().stream().filter(d -> uuid.equals(d.uuid)).findFirst().orElse(null);
      String name = y.get("database_name").asText();
      if (db == null) {
        db = new Db();
        db.id = ids.incrementAndGet();
        db.uuid = uuid;
        databases.put(db.id, db);
      }
      db.name = name;
      String uri = y.get("sqlalchemy_uri").asText();
      if (passwords.containsKey(c.getKey())) {
        db.password = passwords.get(c.getKey());
      }
      setUri(db, uri);
      if (y.has("expose_in_sqllab")) db.expose = y.get("expose_in_sqllab").asBoolean();
      if (y.has("is_managed_externally")) db.managed = y.get("is_managed_externally").asBoolean();
      if (y.has("external_url")) db.externalUrl = text(y, "external_url");
      dbByUuid.put(uuid.toString(), db);
    }
    for (Map.Entry<String, JsonNode> c : configs.entrySet()) {
      if (!c.getKey().startsWith("datasets/")) {
        continue;
      }
      JsonNode y = c.getValue();
      Db db = dbByUuid.get(y.get("database_uuid").asText());
      UUID uuid = UUID.fromString(y.get("uuid").asText());
      String schema = text(y, "schema");
      String table = y.get("table_name").asText();
      Ds ds = datasets.values().stream().filter(d -> uuid.equals(d.uuid)).findFirst().orElse(null);
      if (ds == null) {
        ds =
            findDataset(
                db.id, schema, table); // resolves onto the physical identity; keeps its uuid
      }
      if (ds == null) {
        ds = new Ds();
        ds.id = ids.incrementAndGet();
        ds.uuid = uuid;
        datasets.put(ds.id, ds);
      }
      ds.dbId = db.id;
      ds.schema = schema;
      ds.table = table;
      ds.description = text(y, "description");
      ds.managed = y.path("is_managed_externally").asBoolean(false);
      ds.externalUrl = text(y, "external_url");
      List<Col> cols = new ArrayList<>();
      for (JsonNode n : y.path("columns")) {
        Col col = ds.column(n.path("column_name").asText());
        if (col == null) {
          col = new Col();
          col.id = ids.incrementAndGet();
          col.name = n.path("column_name").asText();
        }
        // Superset's import sets every field of the YAML on the column and the metric.
        col.verbose = text(n, "verbose_name");
        col.type = text(n, "type");
        col.description = text(n, "description");
        col.expression = text(n, "expression");
        col.isDttm = n.path("is_dttm").asBoolean(false);
        col.groupby = n.path("groupby").asBoolean(true);
        col.filterable = n.path("filterable").asBoolean(true);
        cols.add(col);
      }
      ds.columns.clear();
      ds.columns.addAll(cols);
      List<Met> mets = new ArrayList<>();
      for (JsonNode n : y.path("metrics")) {
        Met met = ds.metric(n.path("metric_name").asText());
        if (met == null) {
          met = new Met();
          met.id = ids.incrementAndGet();
          met.name = n.path("metric_name").asText();
        }
        met.expression = n.path("expression").asText();
        met.verbose = text(n, "verbose_name");
        met.description = text(n, "description");
        met.d3format = text(n, "d3format");
        met.warningText = text(n, "warning_text");
        met.extra = n.hasNonNull("extra") ? n.get("extra").toString() : null;
        mets.add(met);
      }
      ds.metrics.clear();
      ds.metrics.addAll(mets);
    }
    for (Map.Entry<String, JsonNode> f : configs.entrySet()) {
      if (f.getKey().startsWith("dashboards/")) {
        JsonNode y = f.getValue();
        String uuid = y.path("uuid").asText();
        // Superset upserts by UUID: the id and the roles stay.
        ObjectNode d =
            dashboards.values().stream()
                .filter(x -> x.path("uuid").asText().equals(uuid))
                .findFirst()
                .orElse(null);
        if (d == null) {
          d = JSON.createObjectNode();
          d.put("id", ids.incrementAndGet());
          d.put("uuid", uuid);
          d.putArray("roles");
        } else {
          dashboards.values().remove(d);
        }
        d.put("slug", y.path("slug").asText());
        d.put("dashboard_title", y.path("dashboard_title").asText());
        d.put("certified_by", y.path("certified_by").asText(""));
        d.put("certification_details", y.path("certification_details").asText(""));
        dashboards.put(y.path("slug").asText(), d);
      }
    }
    importedFiles.addAll(files.keySet());
    return json(200, message("OK"));
  }

  /** Whether Superset has a database of this name under another UUID (its import would clash). */
  private boolean databaseNamedOtherwise(String name, String uuid) {
    return databases.values().stream()
        .anyMatch(d -> d.name.equals(name) && !String.valueOf(d.uuid).equals(uuid));
  }

  static String unknownFields(JsonNode y, Set<String> allowed, List<String> required) {
    for (Iterator<String> it = y.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        return f + ": Unknown field.";
      }
    }
    for (String f : required) {
      if (!y.hasNonNull(f)) {
        return f + ": Missing data for required field.";
      }
    }
    return null;
  }

  static Response importError(String detail) {
    ObjectNode error = obj();
    error.put("message", "Error importing assets");
    error.put("error_type", "GENERIC_COMMAND_ERROR");
    error.put("level", "warning");
    error.set("extra", obj().put("detail", detail));
    ObjectNode out = obj();
    out.putArray("errors").add(error);
    return json(422, out);
  }

  // ------------------------------------------------------------ paging and helpers

  /** Flask-AppBuilder's list: rison {@code q} with filters and paging, {@code count} = total. */
  private Response page(Request r, List<ObjectNode> rows) {
    Map<String, Object> q = new LinkedHashMap<>();
    String raw = r.query().get("q");
    if (raw != null) {
      Object parsed;
      try {
        parsed = RisonParser.parse(raw);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("Not a valid rison/json argument: " + e.getMessage());
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new BadRequest("Not a valid rison argument");
      }
      map.forEach((k, v) -> q.put((String) k, v));
    }
    List<ObjectNode> filtered = new ArrayList<>();
    for (ObjectNode row : rows) {
      if (matches(row, q.get("filters"))) {
        filtered.add(row);
      }
    }
    int page = number(q.get("page"), 0);
    int size = Math.min(number(q.get("page_size"), 20), MAX_PAGE_SIZE);
    ObjectNode out = obj();
    out.put("count", filtered.size());
    ArrayNode result = out.putArray("result");
    ArrayNode idList = out.putArray("ids");
    for (int i = page * size; i < Math.min(filtered.size(), (page + 1) * size); i++) {
      result.add(filtered.get(i));
      idList.add(filtered.get(i).path("id").asInt());
    }
    return json(200, out);
  }

  private static boolean matches(ObjectNode row, Object filters) {
    if (filters == null) {
      return true;
    }
    if (!(filters instanceof List<?> list)) {
      throw new BadRequest("filters must be a list");
    }
    for (Object f : list) {
      if (!(f instanceof Map<?, ?> filter)) {
        throw new BadRequest("a filter must be an object");
      }
      String col = String.valueOf(filter.get("col"));
      String opr = String.valueOf(filter.get("opr"));
      Object value = filter.get("value");
      switch (opr) {
        case "eq" -> {
          JsonNode v = row.path(col);
          String actual = v.isNull() || v.isMissingNode() ? null : v.asText();
          if (!Objects.equals(actual, value == null ? null : value.toString())) {
            return false;
          }
        }
        case "rel_o_m" -> {
          if (row.path(col).path("id").asInt() != number(value, -1)) {
            return false;
          }
        }
        default -> throw new BadRequest("Filter operator " + opr + " is not supported here");
      }
    }
    return true;
  }

  private static int number(Object v, int otherwise) {
    if (v instanceof BigDecimal d) {
      return d.intValueExact();
    }
    if (v instanceof String s) {
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }
    return otherwise;
  }

  private static Matcher match(String regex, String path) {
    Matcher m = Pattern.compile(regex).matcher(path);
    return m.matches() ? m : null;
  }

  private static String bearer(Request r) {
    String h = r.headers().get("authorization");
    if (h == null) {
      return null;
    }
    Matcher m = BEARER.matcher(h);
    return m.matches() ? m.group(1) : null;
  }

  private static String cookie(Request r, String name) {
    String h = r.headers().get("cookie");
    if (h == null) {
      return null;
    }
    for (String part : h.split(";")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals(name)) {
        return kv[1];
      }
    }
    return null;
  }

  private static JsonNode body(Request r) {
    if (r.body() == null || r.body().length == 0) {
      return obj();
    }
    String contentType = r.headers().getOrDefault("content-type", "");
    if (!contentType.startsWith("application/json")) {
      throw new BadRequest("Request is not JSON");
    }
    return parse(new String(r.body(), StandardCharsets.UTF_8));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new BadRequest("Request is not JSON");
    }
  }

  private static JsonNode resultEcho(JsonNode body) {
    ObjectNode copy = body.deepCopy();
    copy.remove("sqlalchemy_uri");
    return copy;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  static ObjectNode obj() {
    return JSON.createObjectNode();
  }

  private static ArrayNode arr(String... items) {
    ArrayNode a = JSON.createArrayNode();
    for (String i : items) {
      a.add(i);
    }
    return a;
  }

  static ObjectNode message(String message) {
    return obj().put("message", message);
  }

  /** Superset's SIP-40 error body, as its HTTPException and CSRFError handlers write it. */
  private static ObjectNode errors(String message) {
    ObjectNode error = obj();
    error.put("message", message);
    error.put("error_type", "GENERIC_BACKEND_ERROR");
    error.put("level", "error");
    error.set("extra", obj());
    ObjectNode out = obj();
    out.putArray("errors").add(error);
    return out;
  }

  private static Response notFound() {
    return json(
        404,
        errors(
            "404 Not Found: The requested URL was not found on the server. If you entered the URL"
                + " manually please check your spelling and try again."));
  }

  static Response json(int status, JsonNode body) {
    return new Response(status, Map.of("Content-Type", "application/json"), body.toString(), 0);
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
