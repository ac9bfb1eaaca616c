package dk.goalattainment.connector.superset.sync;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the connector wants in Superset: one database, its datasets, row-level security rules
 * on those datasets, the dashboards (null: not managed) and the roles that the rules and dashboards
 * name. Checked on construction: dataset and rule names are unique and every rule names datasets of
 * this state.
 */
public record DesiredState(
    DatabaseSpec database,
    List<DatasetSpec> datasets,
    List<RlsRuleSpec> rlsRules,
    DashboardAssets dashboards) {
  /** A state without dashboards. */
  public DesiredState(
      DatabaseSpec database, List<DatasetSpec> datasets, List<RlsRuleSpec> rlsRules) {
    this(database, datasets, rlsRules, null);
  }

  public DesiredState {
    Objects.requireNonNull(database, "database");
    datasets = datasets == null ? List.of() : List.copyOf(datasets);
    rlsRules = rlsRules == null ? List.of() : List.copyOf(rlsRules);
    Set<String> qualified = new HashSet<>();
    Map<String, Integer> tables = new HashMap<>();
    for (DatasetSpec d : datasets) {
      if (!qualified.add(d.qualifiedName())) {
        throw new IllegalArgumentException("dataset " + d.qualifiedName() + " is listed twice");
      }
      tables.merge(d.tableName(), 1, Integer::sum);
    }
    Set<String> ruleNames = new HashSet<>();
    for (RlsRuleSpec r : rlsRules) {
      if (!ruleNames.add(r.name())) {
        throw new IllegalArgumentException("RLS rule " + r.name() + " is listed twice");
      }
      for (String t : r.tables()) {
        Integer n = tables.get(t);
        if (n == null) {
          throw new IllegalArgumentException(
              "RLS rule " + r.name() + " names table " + t + ", which is not a desired dataset");
        }
        if (n > 1) {
          throw new IllegalArgumentException(
              "RLS rule " + r.name() + " names table " + t + ", which is in several schemas");
        }
      }
    }
  }

  /** Every role a rule or a dashboard names, in order of first use. */
  public List<String> roles() {
    Set<String> roles = new java.util.LinkedHashSet<>();
    rlsRules.forEach(r -> roles.addAll(r.roles()));
    if (dashboards != null) {
      dashboards.dashboards().forEach(d -> roles.addAll(d.roles()));
    }
    return List.copyOf(roles);
  }

  /** The dashboards, or none when they are not managed. */
  public List<DashboardAssets.Dashboard> dashboardList() {
    return dashboards == null ? List.of() : dashboards.dashboards();
  }

  /** The desired dataset on {@code tableName}. */
  DatasetSpec datasetByTable(String tableName) {
    return datasets.stream().filter(d -> d.tableName().equals(tableName)).findFirst().orElseThrow();
  }
}
