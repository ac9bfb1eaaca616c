package dk.goalattainment.connector.superset.sync;

import dk.goalattainment.connector.superset.client.DatasetUpdate;
import dk.goalattainment.connector.superset.client.RlsRule;
import dk.goalattainment.connector.superset.client.SupersetDataset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a sync will do: one {@link Change} per asset, in the order printed, and warnings. Made by
 * {@link SyncPlanner}, applied by {@link SyncExecutor}; it also keeps the Superset state it was
 * planned against, so that the executor applies exactly what was shown.
 */
public final class Plan {
  private final List<Change> changes;
  private final List<String> warnings;
  final boolean prune;
  final DatabaseStep database;
  final List<DatasetStep> datasets;
  final List<RlsStep> rlsRules;
  final Map<String, Integer> remoteDatasetIds;
  final RoleStep roles;
  final List<DashboardStep> dashboards;
  final DashboardAssets dashboardAssets;

  Plan(
      List<Change> changes,
      List<String> warnings,
      boolean prune,
      DatabaseStep database,
      List<DatasetStep> datasets,
      List<RlsStep> rlsRules,
      Map<String, Integer> remoteDatasetIds,
      RoleStep roles,
      List<DashboardStep> dashboards,
      DashboardAssets dashboardAssets) {
    this.changes = List.copyOf(changes);
    this.warnings = List.copyOf(warnings);
    this.prune = prune;
    this.database = database;
    this.datasets = List.copyOf(datasets);
    this.rlsRules = List.copyOf(rlsRules);
    this.remoteDatasetIds = Map.copyOf(remoteDatasetIds);
    this.roles = roles;
    this.dashboards = List.copyOf(dashboards);
    this.dashboardAssets = dashboardAssets;
  }

  /** How many dashboards applying the plan imports. */
  public long dashboardImports() {
    return dashboards.stream().filter(DashboardStep::importBundle).count();
  }

  /** Every asset, in the printed order. */
  public List<Change> changes() {
    return changes;
  }

  /** Things the user should know that are not changes. */
  public List<String> warnings() {
    return warnings;
  }

  /** How many assets get {@code action}. */
  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** Whether applying the plan writes anything. */
  public boolean hasChanges() {
    return changes.stream().anyMatch(c -> c.action() != Action.UNCHANGED);
  }

  /** {@code Plan: 3 to create, 1 to update, 0 to delete, 12 unchanged.} */
  public String summary() {
    return "Plan: "
        + count(Action.CREATE)
        + " to create, "
        + count(Action.UPDATE)
        + " to update, "
        + count(Action.DELETE)
        + " to delete, "
        + count(Action.UNCHANGED)
        + " unchanged.";
  }

  /** The plan as text: one line per asset, the warnings, then the {@link #summary()}. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Change c : changes) {
      out.append(c.line()).append('\n');
    }
    for (String w : warnings) {
      out.append("Warning: ").append(w).append('\n');
    }
    return out.append(summary()).append('\n').toString();
  }

  @Override
  public String toString() {
    return render();
  }

  /**
   * The roles: those Superset has (name → id) and those to create, which get no permissions of
   * their own.
   */
  record RoleStep(Map<String, Integer> remoteIds, List<String> create) {
    RoleStep {
      remoteIds = Map.copyOf(remoteIds);
      create = List.copyOf(create);
    }
  }

  /**
   * One dashboard: {@code remoteId} is null when Superset has none with the slug; {@code
   * importBundle} when its bundle differs (or it is new), {@code setRoles} when its roles differ or
   * it is imported.
   */
  record DashboardStep(
      Action action,
      DashboardAssets.Dashboard dashboard,
      Integer remoteId,
      boolean importBundle,
      boolean setRoles) {}

  /** The database step; {@code remoteId} and {@code remoteUuid} are null for a create. */
  record DatabaseStep(Action action, DatabaseSpec spec, Integer remoteId, UUID remoteUuid) {}

  /**
   * One dataset: {@code spec} is null for a delete, {@code remote} null for a create; {@code
   * update} is what an update sends (null when nothing).
   */
  record DatasetStep(
      Action action, DatasetSpec spec, SupersetDataset remote, DatasetUpdate update) {}

  /**
   * One RLS rule: {@code remote} is null for a create, {@code spec} null for a delete; {@code
   * tables} are the qualified names of the spec's datasets.
   */
  record RlsStep(
      Action action,
      RlsRuleSpec spec,
      RlsRule remote,
      Map<String, Integer> roleIds,
      List<String> tables) {}
}
