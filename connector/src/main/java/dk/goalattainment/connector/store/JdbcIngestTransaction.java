package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.engine.CubeTables;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.IngestCounts;
import dk.goalattainment.connector.core.ingest.IngestTransaction;
import dk.goalattainment.connector.core.ingest.RecordKind;
import dk.goalattainment.connector.core.ingest.RejectedKeys;
import dk.goalattainment.connector.core.model.FollowUp;
import dk.goalattainment.connector.core.model.Goal;
import dk.goalattainment.connector.core.model.OrgUnit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest in one database transaction. Records are bulk-loaded into {@code stage_*} tables, the
 * rules that span records run as SQL over the stage and the stored tables, and {@link #commit()}
 * replaces stored records by id and rebuilds the org closure. Any failure leaves the stored tables
 * as they were.
 */
final class JdbcIngestTransaction implements IngestTransaction {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcIngestTransaction.class);
  private static final List<String> ORG_COLUMNS =
      List.of("row_no", "unit_id", "name", "parent_id", "role", "valid_from", "valid_to", "level");
  private static final List<String> GOAL_COLUMNS =
      List.of(
          "row_no",
          "goal_id",
          "citizen_key",
          "target_group",
          "life_theme",
          "effect_goal",
          "goal_type",
          "baseline_score",
          "target_score",
          "set_date",
          "due_date",
          "authority_unit_id",
          "provider_unit_id",
          "age_band");
  private static final List<String> FOLLOWUP_COLUMNS =
      List.of("row_no", "followup_id", "goal_id", "followup_date", "score");

  private static final List<String> REJECTED_COLUMNS =
      List.of("kind", "row_no", "id", "unit_ref", "unit_ref2", "goal_ref");

  private final JdbcStore store;
  private final SqlDialect dialect;
  private final ReentrantLock lock;
  private final Connection connection;
  private final StagingPipeline staging;
  private boolean committed;

  /** Whether follow-ups have begun: the batch's goals are then complete. */
  private boolean followUpsBegun;

  /** Whether a record broke its own rules: the batch then fails, and nothing is stored early. */
  private boolean rejectedAny;

  /** The goals' counts once the stager has stored them (ADR 0026); null until then. */
  private volatile IngestCounts.KindCounts goalsStored;

  JdbcIngestTransaction(JdbcStore store, ReentrantLock lock) {
    this.store = store;
    this.dialect = store.dialect();
    this.lock = lock;
    lock.lock();
    try {
      this.connection = dialect.connect();
      connection.setAutoCommit(false);
      try (Statement s = connection.createStatement()) {
        for (String sql : dialect.stageStatements()) {
          s.execute(sql);
        }
      }
      this.staging = new StagingPipeline(dialect, connection);
    } catch (SQLException e) {
      lock.unlock();
      throw JdbcStore.failure("starting an ingest", e);
    }
  }

  @Override
  public void stageOrgUnit(long row, OrgUnit u) {
    try {
      staging.append(
          "stage_org_unit",
          ORG_COLUMNS,
          row,
          u.unitId(),
          u.name(),
          u.parentId(),
          u.role() == null ? null : u.role().code(),
          u.validFrom(),
          u.validTo(),
          u.level() == null ? null : u.level().code());
    } catch (SQLException e) {
      throw JdbcStore.failure("staging org units", e);
    }
  }

  @Override
  public void stageGoal(long row, Goal g) {
    requireGoalsOpen();
    try {
      staging.append(
          "stage_goal",
          GOAL_COLUMNS,
          row,
          g.goalId(),
          g.citizenKey(),
          g.targetGroup(),
          g.lifeTheme(),
          g.effectGoal(),
          g.goalType().code(),
          g.baselineScore(),
          g.targetScore(),
          g.setDate(),
          g.dueDate(),
          g.authorityUnitId(),
          g.providerUnitId(),
          g.ageBand().code());
    } catch (SQLException e) {
      throw JdbcStore.failure("staging goals", e);
    }
  }

  @Override
  public void stageFollowUp(long row, FollowUp f) {
    try {
      followUpsBegin();
      staging.append(
          "stage_followup",
          FOLLOWUP_COLUMNS,
          row,
          f.followupId(),
          f.goalId(),
          f.followupDate(),
          f.score());
    } catch (SQLException e) {
      throw JdbcStore.failure("staging follow-ups", e);
    }
  }

  @Override
  public void rejected(RecordKind kind, long row, RejectedKeys keys) {
    if (kind == RecordKind.GOALS) {
      requireGoalsOpen();
    }
    rejectedAny = true;
    try {
      if (kind == RecordKind.FOLLOWUPS) {
        followUpsBegin();
      }
      staging.append(
          "stage_rejected",
          REJECTED_COLUMNS,
          kind.name(),
          row,
          keys.id(),
          keys.unitRef(),
          keys.unitRef2(),
          keys.goalRef());
    } catch (SQLException e) {
      throw JdbcStore.failure("staging rejected records", e);
    }
  }

  private void requireGoalsOpen() {
    if (followUpsBegun) {
      throw new IllegalStateException("an ingest stages its goals before its follow-ups");
    }
  }

  /**
   * At the first follow-up the batch's goals are complete: the stager stores them while the caller
   * reads the follow-ups (ADR 0026), unless the batch repeats a goal id (it then fails, and the
   * error list is made as always). The rules read the goals the same whether stored or not.
   */
  private void followUpsBegin() throws SQLException {
    if (followUpsBegun) {
      return;
    }
    followUpsBegun = true;
    if (rejectedAny) {
      return;
    }
    staging.afterTable(
        "stage_goal",
        () -> {
          try (Statement s = connection.createStatement()) {
            if (count(
                    s,
                    "SELECT COUNT(*) FROM (SELECT goal_id FROM stage_goal GROUP BY goal_id HAVING"
                        + " COUNT(*) > 1 LIMIT 1) d")
                == 0) {
              long t0 = System.nanoTime();
              goalsStored = merge(s, "goal", "stage_goal", "goal_id", GOAL_COLUMNS);
              took("ingest: goals stored while the follow-ups are read", t0);
            }
          }
        });
  }

  @Override
  public List<FieldError> crossRecordErrors() {
    List<FieldError> errors = new ArrayList<>();
    try {
      long t0 = System.nanoTime();
      staging.finish();
      long t1 = took("ingest: staging finished", t0);
      try (Statement s = connection.createStatement()) {
        for (CrossRecordRules.Rule rule :
            goalsStored != null
                ? CrossRecordRules.AFTER_GOALS_STORED
                : CrossRecordRules.BEFORE_GOALS_STORED) {
          try (ResultSet rs = s.executeQuery(rule.sql())) {
            while (rs.next()) {
              String field = rs.getString(2);
              String text = rule.rules().get(field);
              String detail = rs.getString(3);
              errors.add(
                  new FieldError(
                      rule.kind().label(),
                      rs.getLong(1),
                      field,
                      detail == null ? text : text.formatted(detail)));
            }
          }
        }
        var tree = OrgTreeChecks.treeWithBatch(s);
        List<FieldError> cycles = OrgTreeChecks.cycles(tree);
        errors.addAll(cycles);
        if (cycles.isEmpty()) {
          errors.addAll(OrgTreeChecks.misplacedLevels(tree));
        }
      }
      took("ingest: cross-record rules checked", t1);
    } catch (SQLException e) {
      throw JdbcStore.failure("checking the batch", e);
    }
    errors.sort(
        Comparator.comparing((FieldError e) -> kindOrder(e.record()))
            .thenComparingLong(FieldError::row)
            .thenComparing(FieldError::field));
    return errors;
  }

  private static int kindOrder(String label) {
    for (RecordKind kind : RecordKind.values()) {
      if (kind.label().equals(label)) {
        return kind.ordinal();
      }
    }
    return RecordKind.values().length;
  }

  @Override
  public IngestCounts commit() {
    Map<RecordKind, IngestCounts.KindCounts> counts = new EnumMap<>(RecordKind.class);
    try {
      staging.finish();
      long t0 = System.nanoTime();
      try (Statement s = connection.createStatement()) {
        logChangedGoals(s);
        t0 = took("ingest: change log written", t0);
        counts.put(
            RecordKind.ORG_UNITS, merge(s, "org_unit", "stage_org_unit", "unit_id", ORG_COLUMNS));
        IngestCounts.KindCounts goals = goalsStored;
        counts.put(
            RecordKind.GOALS,
            goals != null ? goals : merge(s, "goal", "stage_goal", "goal_id", GOAL_COLUMNS));
        counts.put(
            RecordKind.FOLLOWUPS,
            merge(s, "followup", "stage_followup", "followup_id", FOLLOWUP_COLUMNS));
        if (counts.get(RecordKind.ORG_UNITS).received() > 0) {
          rebuildClosure(s);
          OrgTreeChecks.updateLevels(connection);
        }
        for (String table : SchemaDdl.stageTables()) {
          s.execute("DELETE FROM " + table);
        }
      }
      t0 = took("ingest: records stored", t0);
      store.recordEvent(connection, "ingest", IngestCounts.of(counts).summary().strip());
      connection.commit();
      took("ingest: committed", t0);
      committed = true;
      store.freshnessChanged();
    } catch (SQLException e) {
      throw JdbcStore.failure("storing the batch", e);
    }
    return IngestCounts.of(counts);
  }

  /** Logs (debug) how long a step took since {@code t0}; returns now. */
  private static long took(String step, long t0) {
    long now = System.nanoTime();
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} in {} ms", step, (now - t0) / 1_000_000);
    }
    return now;
  }

  /**
   * Notes for the next incremental refresh which goals this batch changes: every staged goal, the
   * goal of every staged follow-up, and the goal a replaced follow-up belonged to before.
   */
  private static void logChangedGoals(Statement s) throws SQLException {
    s.execute(
        "INSERT INTO "
            + CubeTables.PENDING
            + " (kind, id) SELECT 'goal', goal_id FROM (SELECT goal_id FROM stage_goal UNION SELECT"
            + " goal_id FROM stage_followup UNION SELECT f.goal_id FROM followup f JOIN"
            + " stage_followup sf ON sf.followup_id = f.followup_id) t");
  }

  private static IngestCounts.KindCounts merge(
      Statement s, String table, String stage, String id, List<String> stageColumns)
      throws SQLException {
    long received = count(s, "SELECT COUNT(*) FROM " + stage);
    if (received == 0) {
      return new IngestCounts.KindCounts(0, 0, 0);
    }
    long replaced =
        count(
            s,
            "SELECT COUNT(*) FROM "
                + stage
                + " s WHERE EXISTS (SELECT 1 FROM "
                + table
                + " t WHERE t."
                + id
                + " = s."
                + id
                + ")");
    s.execute(
        "DELETE FROM " + table + " WHERE " + id + " IN (SELECT " + id + " FROM " + stage + ")");
    String columns = String.join(", ", stageColumns.subList(1, stageColumns.size()));
    s.execute(
        "INSERT INTO "
            + table
            + " ("
            + columns
            + ") SELECT "
            + columns
            + " FROM "
            + stage
            + " ORDER BY row_no");
    return new IngestCounts.KindCounts(received, received - replaced, replaced);
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Every (ancestor, descendant) pair of the org tree, a unit being its own ancestor at depth 0.
   */
  static void rebuildClosure(Statement s) throws SQLException {
    s.execute("DELETE FROM org_closure");
    s.execute(
        "INSERT INTO org_closure (ancestor_id, descendant_id, depth) SELECT ancestor_id,"
            + " descendant_id, depth FROM (WITH RECURSIVE walk(ancestor_id, descendant_id, depth)"
            + " AS (SELECT unit_id, unit_id, 0 FROM org_unit UNION ALL SELECT u.parent_id,"
            + " w.descendant_id, w.depth + 1 FROM walk w JOIN org_unit u ON u.unit_id ="
            + " w.ancestor_id WHERE u.parent_id IS NOT NULL) SELECT ancestor_id, descendant_id,"
            + " depth FROM walk) t");
  }

  @Override
  public void close() {
    try {
      staging.close();
      if (!committed) {
        connection.rollback();
      }
      connection.close();
    } catch (SQLException e) {
      throw JdbcStore.failure("ending an ingest", e);
    } finally {
      lock.unlock();
    }
  }
}
