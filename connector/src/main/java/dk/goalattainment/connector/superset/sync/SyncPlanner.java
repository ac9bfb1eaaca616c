package dk.goalattainment.connector.superset.sync;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.superset.client.DatabaseConnection;
import dk.goalattainment.connector.superset.client.DatasetSummary;
import dk.goalattainment.connector.superset.client.RlsRule;
import dk.goalattainment.connector.superset.client.RlsTable;
import dk.goalattainment.connector.superset.client.Role;
import dk.goalattainment.connector.superset.client.SqlalchemyUris;
import dk.goalattainment.connector.superset.client.SupersetClient;
import dk.goalattainment.connector.superset.client.SupersetDashboard;
import dk.goalattainment.connector.superset.client.SupersetDatabase;
import dk.goalattainment.connector.superset.client.SupersetDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads Superset's current state (GET requests only) and compares it with a {@link DesiredState}:
 * every asset becomes a create, update (naming the differing fields), delete (only with {@code
 * prune}, only assets {@link Ownership} recognises) or unchanged line of a {@link Plan}.
 *
 * <p>Compared fields: the database's masked SQLAlchemy URI, SQL Lab exposure and {@code
 * is_managed_externally}; a dataset's description and {@code is_managed_externally}; a column's
 * label, description, UUID and, when defined, type and flags; a metric's label, expression,
 * description, {@code d3format}, warning, certification and UUID; an RLS rule's filter type,
 * tables, roles, clause, group key and description. {@code external_url} is compared only where
 * Superset returns it (its dataset and database APIs do not), and a password only as part of a
 * changed URI (Superset masks it).
 */
public final class SyncPlanner {
  private final SupersetClient client;
  private final Ownership ownership;

  /** A planner reading from {@code client}. */
  public SyncPlanner(SupersetClient client, Ownership ownership) {
    this.client = Objects.requireNonNull(client, "client");
    this.ownership = Objects.requireNonNull(ownership, "ownership");
  }

  /** The plan that brings Superset to {@code desired}; {@code prune} adds deletes. */
  public Plan plan(DesiredState desired, boolean prune) {
    return plan(desired, new SyncOptions(true, prune));
  }

  /**
   * The plan that brings Superset to {@code desired}: roles, the database, datasets with their
   * columns and metrics, row-level security rules and dashboards with their role access.
   */
  public Plan plan(DesiredState desired, SyncOptions options) {
    for (RlsRuleSpec r : desired.rlsRules()) {
      if (!r.name().startsWith(ownership.rlsNamePrefix())) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "RLS rule '"
                + r.name()
                + "' must start with '"
                + ownership.rlsNamePrefix()
                + "' so that later syncs recognise it as the connector's");
      }
    }
    boolean prune = options.prune();
    List<Change> changes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Plan.RoleStep roles = roles(desired, options.createRoles(), changes);

    DatabaseSpec dbSpec = desired.database();
    Optional<SupersetDatabase> db = client.findDatabaseByName(dbSpec.name());
    Plan.DatabaseStep databaseStep;
    if (db.isEmpty()) {
      changes.add(new Change(Action.CREATE, AssetKind.DATABASE, dbSpec.name(), List.of()));
      databaseStep = new Plan.DatabaseStep(Action.CREATE, dbSpec, null, null);
    } else {
      DatabaseConnection connection = client.getDatabaseConnection(db.get().id());
      List<String> fields = databaseFields(dbSpec, connection);
      Action action = fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE;
      changes.add(new Change(action, AssetKind.DATABASE, dbSpec.name(), fields));
      databaseStep =
          new Plan.DatabaseStep(
              action,
              dbSpec,
              db.get().id(),
              db.get().uuid() != null ? db.get().uuid() : connection.uuid());
    }

    List<DatasetSummary> remoteDatasets =
        db.isPresent() ? client.listDatasets(db.get().id()) : List.of();
    Map<String, DatasetSummary> remoteByName = new LinkedHashMap<>();
    Map<String, Integer> remoteIds = new HashMap<>();
    for (DatasetSummary s : remoteDatasets) {
      String name = qualified(s.schema(), s.tableName());
      remoteByName.put(name, s);
      remoteIds.put(name, s.id());
    }
    List<Plan.DatasetStep> datasetSteps = datasets(desired, prune, remoteByName, changes, warnings);
    List<Plan.RlsStep> rlsSteps = rlsRules(desired, prune, roles, changes);
    List<Plan.DashboardStep> dashboardSteps =
        dashboards(desired, databaseUuid(databaseStep), changes);
    return new Plan(
        changes,
        warnings,
        prune,
        databaseStep,
        datasetSteps,
        rlsSteps,
        remoteIds,
        roles,
        dashboardSteps,
        desired.dashboards());
  }

  /** The UUID the bundles give the database: Superset's when it has one, else the desired one. */
  static UUID databaseUuid(Plan.DatabaseStep step) {
    return step.remoteUuid() != null ? step.remoteUuid() : step.spec().uuid();
  }

  /**
   * The roles the rules and dashboards name: Superset's ids of those it has, and the missing ones
   * to create; without {@code create} a missing role stops the plan, naming every one.
   */
  private Plan.RoleStep roles(DesiredState desired, boolean create, List<Change> changes) {
    List<String> needed = desired.roles();
    if (needed.isEmpty()) {
      return new Plan.RoleStep(Map.of(), List.of());
    }
    Map<String, Integer> byName = new HashMap<>();
    for (Role role : client.listRoles()) {
      byName.putIfAbsent(role.name(), role.id());
    }
    List<String> missing = needed.stream().filter(r -> !byName.containsKey(r)).toList();
    if (!missing.isEmpty() && !create) {
      throw new ConnectorException(
          ErrorCode.NOT_FOUND,
          "Superset has no role named "
              + String.join(", ", new TreeSet<>(missing))
              + "; the row-level security rules and dashboards need them. Run the sync with"
              + " --create-roles to create them (with no permissions of their own; an admin"
              + " assigns users and base roles), create them in Superset (Settings > List Roles)"
              + " or fix the role mapping; the sync does not create roles without the flag.");
    }
    for (String role : missing) {
      if (role.length() > MAX_ROLE_NAME) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "The role name '"
                + role
                + "' is longer than Superset's "
                + MAX_ROLE_NAME
                + " characters: shorten the role mapping's pattern or name the role in roles:");
      }
      changes.add(new Change(Action.CREATE, AssetKind.ROLE, role, List.of()));
    }
    return new Plan.RoleStep(byName, missing);
  }

  /** Superset's limit on role names (Flask-AppBuilder's {@code ab_role.name}). */
  static final int MAX_ROLE_NAME = 64;

  private List<Plan.DatasetStep> datasets(
      DesiredState desired,
      boolean prune,
      Map<String, DatasetSummary> remoteByName,
      List<Change> changes,
      List<String> warnings) {
    List<Plan.DatasetStep> datasetSteps = new ArrayList<>();
    for (DatasetSpec spec : desired.datasets()) {
      DatasetSummary summary = remoteByName.remove(spec.qualifiedName());
      if (summary == null) {
        changes.add(new Change(Action.CREATE, AssetKind.DATASET, spec.qualifiedName(), List.of()));
        for (ColumnSpec c : spec.columns()) {
          changes.add(
              new Change(
                  Action.CREATE,
                  AssetKind.COLUMN,
                  spec.qualifiedName() + "." + c.columnName(),
                  List.of()));
        }
        for (MetricSpec m : spec.metrics()) {
          changes.add(
              new Change(
                  Action.CREATE,
                  AssetKind.METRIC,
                  spec.qualifiedName() + "." + m.metricName(),
                  List.of()));
        }
        datasetSteps.add(new Plan.DatasetStep(Action.CREATE, spec, null, null));
        continue;
      }
      SupersetDataset remote = client.getDataset(summary.id());
      DatasetReconciler.Result r = DatasetReconciler.reconcile(spec, remote, prune);
      changes.add(r.dataset());
      changes.addAll(r.children());
      warnings.addAll(r.warnings());
      datasetSteps.add(
          new Plan.DatasetStep(
              r.update() == null ? Action.UNCHANGED : Action.UPDATE, spec, remote, r.update()));
    }
    if (prune) {
      for (DatasetSummary s : remoteByName.values()) {
        SupersetDataset remote = client.getDataset(s.id());
        if (ownsDataset(remote)) {
          changes.add(
              new Change(
                  Action.DELETE,
                  AssetKind.DATASET,
                  qualified(remote.schema(), remote.tableName()),
                  List.of()));
          datasetSteps.add(new Plan.DatasetStep(Action.DELETE, null, remote, null));
        }
      }
    }
    return datasetSteps;
  }

  private List<Plan.RlsStep> rlsRules(
      DesiredState desired, boolean prune, Plan.RoleStep roles, List<Change> changes) {
    List<Plan.RlsStep> rlsSteps = new ArrayList<>();
    if (desired.rlsRules().isEmpty() && !prune) {
      return rlsSteps;
    }
    Map<String, Integer> roleIds = roles.remoteIds();
    Map<String, RlsRule> remoteRules = new LinkedHashMap<>();
    for (RlsRule rule : client.listRlsRules()) {
      remoteRules.putIfAbsent(rule.name(), rule);
    }
    for (RlsRuleSpec spec : desired.rlsRules()) {
      RlsRule remote = remoteRules.remove(spec.name());
      if (remote == null) {
        changes.add(new Change(Action.CREATE, AssetKind.RLS_RULE, spec.name(), List.of()));
        rlsSteps.add(new Plan.RlsStep(Action.CREATE, spec, null, roleIds, tables(desired, spec)));
        continue;
      }
      List<String> fields = rlsFields(desired, spec, remote);
      Action action = fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE;
      changes.add(new Change(action, AssetKind.RLS_RULE, spec.name(), fields));
      rlsSteps.add(new Plan.RlsStep(action, spec, remote, roleIds, tables(desired, spec)));
    }
    if (prune) {
      for (RlsRule remote : remoteRules.values()) {
        if (remote.name().startsWith(ownership.rlsNamePrefix())) {
          changes.add(new Change(Action.DELETE, AssetKind.RLS_RULE, remote.name(), List.of()));
          rlsSteps.add(new Plan.RlsStep(Action.DELETE, null, remote, Map.of(), List.of()));
        }
      }
    }
    return rlsSteps;
  }

  /**
   * Every dashboard: created when Superset has none with its slug, updated when its bundle's
   * fingerprint differs from the one it carries ({@code bundle}) or its roles differ ({@code
   * roles}), else unchanged.
   */
  private List<Plan.DashboardStep> dashboards(
      DesiredState desired, UUID databaseUuid, List<Change> changes) {
    List<Plan.DashboardStep> steps = new ArrayList<>();
    for (DashboardAssets.Dashboard d : desired.dashboardList()) {
      Optional<SupersetDashboard> remote = client.findDashboard(d.slug());
      if (remote.isEmpty()) {
        changes.add(new Change(Action.CREATE, AssetKind.DASHBOARD, d.slug(), List.of()));
        steps.add(new Plan.DashboardStep(Action.CREATE, d, null, true, true));
        continue;
      }
      String fingerprint = desired.dashboards().fingerprint(d.slug(), databaseUuid);
      boolean bundle = !fingerprint.equals(remote.get().certificationDetails());
      boolean roles =
          !new TreeSet<>(d.roles())
              .equals(
                  remote.get().roles().stream()
                      .map(Role::name)
                      .collect(Collectors.toCollection(TreeSet::new)));
      List<String> fields = new ArrayList<>();
      if (bundle) {
        fields.add("bundle");
      }
      if (roles) {
        fields.add("roles");
      }
      Action action = fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE;
      changes.add(new Change(action, AssetKind.DASHBOARD, d.slug(), fields));
      steps.add(new Plan.DashboardStep(action, d, remote.get().id(), bundle, bundle || roles));
    }
    return steps;
  }

  private static List<String> databaseFields(DatabaseSpec spec, DatabaseConnection remote) {
    List<String> fields = new ArrayList<>();
    if (!SqlalchemyUris.maskPassword(spec.sqlalchemyUri())
        .equals(SqlalchemyUris.maskPassword(remote.sqlalchemyUri()))) {
      fields.add("sqlalchemy_uri");
    }
    if (spec.exposeInSqllab() != remote.exposeInSqllab()) {
      fields.add("expose_in_sqllab");
    }
    if (!remote.managedExternally()) {
      fields.add("is_managed_externally");
    }
    if (spec.externalUrl() != null
        && remote.externalUrl().isPresent()
        && !DatasetReconciler.same(spec.externalUrl(), remote.externalUrl().get())) {
      fields.add("external_url");
    }
    return fields;
  }

  private boolean ownsDataset(SupersetDataset remote) {
    if (!remote.managedExternally()) {
      return false;
    }
    return SupersetKeys.datasetUuid(remote.tableName()).equals(remote.uuid())
        || remote.externalUrl().map(ownership::ownsUrl).orElse(false);
  }

  private static List<String> rlsFields(DesiredState desired, RlsRuleSpec spec, RlsRule remote) {
    List<String> fields = new ArrayList<>();
    if (spec.filterType() != remote.filterType()) {
      fields.add("filter_type");
    }
    Set<String> wantedTables = new TreeSet<>(tables(desired, spec));
    Set<String> actualTables =
        remote.tables().stream()
            .map((RlsTable t) -> qualified(t.schema(), t.tableName()))
            .collect(Collectors.toCollection(TreeSet::new));
    if (!wantedTables.equals(actualTables)) {
      fields.add("tables");
    }
    Set<String> actualRoles =
        remote.roles().stream().map(Role::name).collect(Collectors.toCollection(TreeSet::new));
    if (!new TreeSet<>(spec.roles()).equals(actualRoles)) {
      fields.add("roles");
    }
    if (!spec.clause().equals(remote.clause())) {
      fields.add("clause");
    }
    if (!DatasetReconciler.same(spec.groupKey(), remote.groupKey())) {
      fields.add("group_key");
    }
    if (!DatasetReconciler.same(spec.description(), remote.description())) {
      fields.add("description");
    }
    return fields;
  }

  private static List<String> tables(DesiredState desired, RlsRuleSpec spec) {
    return spec.tables().stream().map(t -> desired.datasetByTable(t).qualifiedName()).toList();
  }

  static String qualified(String schema, String table) {
    return schema == null || schema.isEmpty() ? table : schema + "." + table;
  }
}
