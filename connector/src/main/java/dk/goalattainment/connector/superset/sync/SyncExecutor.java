package dk.goalattainment.connector.superset.sync;

import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.superset.client.DatabaseRequest;
import dk.goalattainment.connector.superset.client.DatasetSummary;
import dk.goalattainment.connector.superset.client.RlsRuleRequest;
import dk.goalattainment.connector.superset.client.SupersetApiException;
import dk.goalattainment.connector.superset.client.SupersetClient;
import dk.goalattainment.connector.superset.client.SupersetDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link Plan}, in this order: new roles; the database; new datasets (one assets import
 * that gives them their deterministic UUIDs, then an update that adds their columns and metrics);
 * updated datasets (one {@code PUT} each, with the full column and metric lists); RLS rules;
 * deleted datasets; then the dashboards (one assets import of every new or changed dashboard, each
 * carrying its fingerprint, then a {@code PUT} of the role access of each imported dashboard or of
 * one whose roles differ). Unchanged assets get no request at all.
 */
public final class SyncExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(SyncExecutor.class);

  private final SupersetClient client;

  /** An executor writing through {@code client}. */
  public SyncExecutor(SupersetClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Applies {@code plan} and returns how many write requests it sent. */
  public SyncResult apply(Plan plan) {
    Map<String, Integer> roleIds = new HashMap<>(plan.roles.remoteIds());
    int writes = createRoles(plan, roleIds);
    AppliedDatabase database = database(plan.database);
    writes += database.writes();
    Map<String, Integer> datasetIds = new HashMap<>(plan.remoteDatasetIds);
    writes += createDatasets(plan, database, datasetIds);
    writes += updateDatasets(plan);
    writes += rlsRules(plan, datasetIds, roleIds);
    writes += deleteDatasets(plan);
    writes += dashboards(plan, database.uuid(), roleIds);
    return new SyncResult(plan, true, writes);
  }

  /** The database as applied: its id and UUID in Superset, and the writes that took. */
  private record AppliedDatabase(DatabaseSpec spec, int id, UUID uuid, int writes) {}

  private int createRoles(Plan plan, Map<String, Integer> roleIds) {
    int writes = 0;
    for (String role : plan.roles.create()) {
      roleIds.put(role, client.createRole(role));
      writes++;
      LOG.info("Created role {}", role);
    }
    return writes;
  }

  private AppliedDatabase database(Plan.DatabaseStep db) {
    DatabaseSpec dbSpec = db.spec();
    switch (db.action()) {
      case CREATE -> {
        int databaseId = client.createDatabase(request(dbSpec, dbSpec.uuid()));
        LOG.info("Created database {} (id {})", dbSpec.name(), databaseId);
        return new AppliedDatabase(dbSpec, databaseId, dbSpec.uuid(), 1);
      }
      case UPDATE -> {
        int databaseId = db.remoteId();
        client.updateDatabase(databaseId, request(dbSpec, null));
        UUID databaseUuid = db.remoteUuid() != null ? db.remoteUuid() : dbSpec.uuid();
        LOG.info("Updated database {} (id {})", dbSpec.name(), databaseId);
        return new AppliedDatabase(dbSpec, databaseId, databaseUuid, 1);
      }
      default -> {
        UUID databaseUuid = db.remoteUuid() != null ? db.remoteUuid() : dbSpec.uuid();
        return new AppliedDatabase(dbSpec, db.remoteId(), databaseUuid, 0);
      }
    }
  }

  /**
   * New datasets: one assets import that gives them their deterministic UUIDs, then an update that
   * adds their columns and metrics.
   */
  private int createDatasets(Plan plan, AppliedDatabase database, Map<String, Integer> datasetIds) {
    List<DatasetSpec> created = new ArrayList<>();
    for (Plan.DatasetStep step : plan.datasets) {
      if (step.action() == Action.CREATE) {
        created.add(step.spec());
      }
    }
    if (created.isEmpty()) {
      return 0;
    }
    int writes = 0;
    AssetBundle bundle = AssetBundle.of(database.spec(), database.uuid(), created);
    client.importAssets(bundle.zip(), bundle.passwords());
    writes++;
    for (DatasetSpec spec : created) {
      DatasetSummary summary =
          client
              .findDataset(spec.tableName(), spec.schema(), database.id())
              .orElseThrow(
                  () ->
                      new SupersetApiException(
                          ErrorCode.REMOTE_FAILURE,
                          "Superset accepted the import of dataset "
                              + spec.qualifiedName()
                              + " but does not list it afterwards",
                          200,
                          "POST",
                          "/api/v1/assets/import/",
                          "",
                          null));
      SupersetDataset remote = client.getDataset(summary.id());
      DatasetReconciler.Result r = DatasetReconciler.reconcile(spec, remote, false);
      if (r.update() != null) {
        client.updateDataset(remote.id(), r.update());
        writes++;
      }
      datasetIds.put(spec.qualifiedName(), remote.id());
      LOG.info("Created dataset {} (id {})", spec.qualifiedName(), remote.id());
    }
    return writes;
  }

  private int updateDatasets(Plan plan) {
    int writes = 0;
    for (Plan.DatasetStep step : plan.datasets) {
      if (step.action() == Action.UPDATE) {
        client.updateDataset(step.remote().id(), step.update());
        writes++;
        LOG.info("Updated dataset {} (id {})", step.spec().qualifiedName(), step.remote().id());
      }
    }
    return writes;
  }

  private int rlsRules(Plan plan, Map<String, Integer> datasetIds, Map<String, Integer> roleIds) {
    int writes = 0;
    for (Plan.RlsStep step : plan.rlsRules) {
      switch (step.action()) {
        case CREATE -> {
          client.createRlsRule(rlsRequest(step, datasetIds, roleIds));
          writes++;
        }
        case UPDATE -> {
          client.updateRlsRule(step.remote().id(), rlsRequest(step, datasetIds, roleIds));
          writes++;
        }
        case DELETE -> {
          client.deleteRlsRule(step.remote().id());
          writes++;
        }
        default -> {}
      }
    }
    return writes;
  }

  private int deleteDatasets(Plan plan) {
    int writes = 0;
    for (Plan.DatasetStep step : plan.datasets) {
      if (step.action() == Action.DELETE) {
        client.deleteDataset(step.remote().id());
        writes++;
        LOG.info(
            "Deleted dataset {} (id {})",
            SyncPlanner.qualified(step.remote().schema(), step.remote().tableName()),
            step.remote().id());
      }
    }
    return writes;
  }

  /** Imports the new and changed dashboards and sets role access; returns the writes sent. */
  private int dashboards(Plan plan, UUID databaseUuid, Map<String, Integer> roleIds) {
    int writes = 0;
    List<String> imports =
        plan.dashboards.stream()
            .filter(Plan.DashboardStep::importBundle)
            .map(step -> step.dashboard().slug())
            .toList();
    if (!imports.isEmpty()) {
      AssetBundle bundle =
          plan.dashboardAssets.bundle(imports, databaseUuid, java.time.Instant.now());
      client.importAssets(bundle.zip(), bundle.passwords());
      writes++;
      LOG.info("Imported dashboards {}", imports);
    }
    for (Plan.DashboardStep step : plan.dashboards) {
      if (!step.setRoles()) {
        continue;
      }
      String slug = step.dashboard().slug();
      int id =
          step.remoteId() != null
              ? step.remoteId()
              : client
                  .findDashboard(slug)
                  .orElseThrow(
                      () ->
                          new SupersetApiException(
                              ErrorCode.REMOTE_FAILURE,
                              "Superset accepted the import of dashboard "
                                  + slug
                                  + " but has no dashboard with that slug afterwards",
                              200,
                              "POST",
                              "/api/v1/assets/import/",
                              "",
                              null))
                  .id();
      client.updateDashboardRoles(
          id, step.dashboard().roles().stream().map(r -> roleId(roleIds, r)).toList());
      writes++;
    }
    return writes;
  }

  private static int roleId(Map<String, Integer> roleIds, String role) {
    Integer id = roleIds.get(role);
    if (id == null) {
      throw new IllegalStateException("role " + role + " has no id in Superset");
    }
    return id;
  }

  private static DatabaseRequest request(DatabaseSpec spec, UUID uuid) {
    return new DatabaseRequest(
        spec.name(), spec.sqlalchemyUri(), spec.exposeInSqllab(), true, spec.externalUrl(), uuid);
  }

  private static RlsRuleRequest rlsRequest(
      Plan.RlsStep step, Map<String, Integer> datasetIds, Map<String, Integer> roleIds) {
    RlsRuleSpec spec = step.spec();
    List<Integer> tables = new ArrayList<>();
    for (String name : step.tables()) {
      Integer id = datasetIds.get(name);
      if (id == null) {
        throw new IllegalStateException(
            "dataset " + name + " of RLS rule " + spec.name() + " has no id in Superset");
      }
      tables.add(id);
    }
    List<Integer> roles = spec.roles().stream().map(r -> roleId(roleIds, r)).toList();
    return new RlsRuleRequest(
        spec.name(),
        spec.filterType(),
        tables,
        roles,
        spec.clause(),
        spec.groupKey(),
        spec.description());
  }
}
