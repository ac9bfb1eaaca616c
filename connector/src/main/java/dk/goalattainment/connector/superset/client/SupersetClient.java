package dk.goalattainment.connector.superset.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Superset's REST API, as far as the connector needs it: databases, datasets with columns and
 * metrics, roles, row-level security, dashboards and the assets import. One class per area does the
 * work ({@link DatabaseApi}, {@link DatasetApi}, {@link SecurityApi}, {@link DashboardApi}); this
 * is their one entry point.
 *
 * <p>It logs in on first use ({@code POST /api/v1/security/login} with {@code refresh: true}),
 * refreshes the access token once when a call answers 401 (logging in again if the refresh token
 * has expired too), fetches a CSRF token and keeps Superset's session cookie before the first write
 * and sends both (with a same-origin {@code Referer}) on every POST, PUT and DELETE. Lists are read
 * page by page (100 a page) until Superset's {@code count} is reached. Transient failures (no
 * connection, timeouts, 429, 500, 502, 503, 504) are retried with backoff by the shared HTTP stack
 * ({@link dk.goalattainment.connector.http.FailurePolicy}), except the assets import, which is sent
 * once; other 4xx answers fail at once with Superset's own message in a {@link
 * SupersetApiException}. A redirect is never taken for success.
 *
 * <p>One instance per Superset; not for concurrent use by several threads (calls are serialised).
 */
public final class SupersetClient implements AutoCloseable {
  /** Superset's page size limit on most list endpoints ({@code FAB_API_MAX_PAGE_SIZE}). */
  public static final int PAGE_SIZE = 100;

  private final SupersetHttp http;
  private final DatabaseApi databases;
  private final DatasetApi datasets;
  private final SecurityApi security;
  private final DashboardApi dashboards;

  /** A client for the Superset that {@code config} names; it logs in on first use. */
  public SupersetClient(SupersetConfig config) {
    this.http = new SupersetHttp(Objects.requireNonNull(config, "config"), new ObjectMapper());
    this.databases = new DatabaseApi(http);
    this.datasets = new DatasetApi(http);
    this.security = new SecurityApi(http);
    this.dashboards = new DashboardApi(http);
  }

  /** Logs in now (it happens on first use anyway): fails early on wrong credentials. */
  public void login() {
    http.login();
  }

  // ---------------------------------------------------------------- databases

  /** Every database the user can see. */
  public List<SupersetDatabase> listDatabases() {
    return databases.list();
  }

  /** The database named {@code name}, if Superset has one. */
  public Optional<SupersetDatabase> findDatabaseByName(String name) {
    return databases.findByName(name);
  }

  /**
   * The database's connection settings, password masked ({@code GET
   * /api/v1/database/{pk}/connection}).
   */
  public DatabaseConnection getDatabaseConnection(int id) {
    return databases.connection(id);
  }

  /**
   * Creates a database and returns its id. Superset tests the connection first and answers 422 when
   * it fails or when the name is taken.
   */
  public int createDatabase(DatabaseRequest request) {
    return databases.create(request);
  }

  /** Updates a database's name, URI, SQL Lab exposure and management fields. */
  public void updateDatabase(int id, DatabaseRequest request) {
    databases.update(id, request);
  }

  // ---------------------------------------------------------------- datasets

  /** Every dataset in the database with id {@code databaseId}. */
  public List<DatasetSummary> listDatasets(int databaseId) {
    return datasets.list(databaseId);
  }

  /** The dataset on {@code schema.tableName} in database {@code databaseId}, if there is one. */
  public Optional<DatasetSummary> findDataset(String tableName, String schema, int databaseId) {
    return datasets.find(tableName, schema, databaseId);
  }

  /** The dataset with its columns and metrics. */
  public SupersetDataset getDataset(int id) {
    return datasets.get(id);
  }

  /**
   * Creates a dataset on a physical table and returns its id; Superset answers 422 when the table
   * does not exist or a dataset on it exists already.
   */
  public int createDataset(DatasetCreate create) {
    return datasets.create(create);
  }

  /**
   * Updates a dataset. The column and metric lists, when given, replace Superset's: see {@link
   * DatasetUpdate}.
   */
  public void updateDataset(int id, DatasetUpdate update) {
    datasets.update(id, update);
  }

  /** Deletes a dataset (and its columns and metrics). */
  public void deleteDataset(int id) {
    datasets.delete(id);
  }

  // ---------------------------------------------------------------- roles and RLS

  /**
   * Creates a role with no permissions of its own ({@code POST /api/v1/security/roles/}, FAB's
   * security API) and returns its id: an admin assigns users and base roles.
   */
  public int createRole(String name) {
    return security.createRole(name);
  }

  /**
   * Every role. The endpoint exists only when Superset runs with {@code FAB_ADD_SECURITY_API =
   * True}; otherwise this fails with a message that says so.
   */
  public List<Role> listRoles() {
    return security.listRoles();
  }

  /** Every row-level security rule. */
  public List<RlsRule> listRlsRules() {
    return security.listRlsRules();
  }

  /** Creates a row-level security rule and returns its id. */
  public int createRlsRule(RlsRuleRequest request) {
    return security.createRlsRule(request);
  }

  /** Replaces a row-level security rule's fields. */
  public void updateRlsRule(int id, RlsRuleRequest request) {
    security.updateRlsRule(id, request);
  }

  /** Deletes a row-level security rule. */
  public void deleteRlsRule(int id) {
    security.deleteRlsRule(id);
  }

  // ---------------------------------------------------------------- dashboards and import

  /**
   * The dashboard with a slug ({@code GET /api/v1/dashboard/{slug}}): its id, the fingerprint the
   * connector keeps in {@code certification_details}, and its roles; empty when none has the slug.
   */
  public Optional<SupersetDashboard> findDashboard(String slug) {
    return dashboards.find(slug);
  }

  /** Sets which roles may open a dashboard ({@code PUT /api/v1/dashboard/{pk}}, {@code roles}). */
  public void updateDashboardRoles(int id, List<Integer> roleIds) {
    dashboards.updateRoles(id, roleIds);
  }

  /**
   * Imports a bundle ({@code POST /api/v1/assets/import/}, multipart field {@code bundle}), sent
   * once whatever happens. The assets import always overwrites what it finds by UUID. {@code
   * passwords} are keyed by the database file's path in the bundle without its root folder, for
   * example {@code databases/goal_attainment.yaml}.
   */
  public void importAssets(byte[] bundleZip, Map<String, String> passwords) {
    dashboards.importAssets(bundleZip, passwords);
  }

  @Override
  public void close() {
    http.close();
  }
}
