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
    try {
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

  /**
   * The cross-record rules of one kind of record: the query yields (row_no, field, detail) triples,
   * and {@code rules} gives each field's rule (a {@code %s} in it is filled with the detail).
   */
  private record Rule(RecordKind kind, String sql, Map<String, String> rules) {
    Rule(RecordKind kind, String field, String sql, String rule) {
      this(kind, sql, Map.of(field, rule));
    }
  }

  private static final String NO_UNIT = "no org unit has this id";

  private static final String KNOWN_UNITS =
      "(SELECT unit_id AS id FROM org_unit UNION ALL SELECT unit_id FROM stage_org_unit"
          + " UNION ALL SELECT id FROM stage_rejected WHERE kind = 'ORG_UNITS' AND id IS NOT NULL)";

  /**
   * The rules, each over the stage in as few scans as it takes (ADR 0026): duplicate ids by one
   * grouping per kind, both rules on a follow-up's goal by one join.
   */
  private static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    rules.add(duplicates(RecordKind.ORG_UNITS, "unit_id", "stage_org_unit"));
    rules.add(duplicates(RecordKind.GOALS, "goal_id", "stage_goal"));
    rules.add(duplicates(RecordKind.FOLLOWUPS, "followup_id", "stage_followup"));
    rules.add(
        new Rule(
            RecordKind.ORG_UNITS,
            "parent_id",
            "SELECT s.row_no, 'parent_id', NULL FROM (SELECT row_no, parent_id FROM stage_org_unit"
                + " UNION ALL SELECT row_no, unit_ref FROM stage_rejected WHERE kind ="
                + " 'ORG_UNITS') s WHERE s.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                + KNOWN_UNITS
                + " k WHERE k.id = s.parent_id)",
            NO_UNIT));
    rules.add(
        new Rule(
            RecordKind.GOALS,
            "SELECT s.row_no, s.field, NULL FROM (SELECT row_no, 'authority_unit_id' AS field,"
                + " authority_unit_id AS unit FROM stage_goal UNION ALL SELECT row_no,"
                + " 'provider_unit_id', provider_unit_id FROM stage_goal UNION ALL SELECT row_no,"
                + " 'authority_unit_id', unit_ref FROM stage_rejected WHERE kind = 'GOALS' UNION"
                + " ALL SELECT row_no, 'provider_unit_id', unit_ref2 FROM stage_rejected WHERE"
                + " kind = 'GOALS') s WHERE s.unit IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                + KNOWN_UNITS
                + " k WHERE k.id = s.unit)",
            Map.of("authority_unit_id", NO_UNIT, "provider_unit_id", NO_UNIT)));
    rules.add(
        new Rule(
            RecordKind.GOALS,
            "set_date",
            "SELECT DISTINCT s.row_no, 'set_date', NULL FROM stage_goal s JOIN followup f ON"
                + " f.goal_id = s.goal_id WHERE f.followup_date < s.set_date AND NOT EXISTS"
                + " (SELECT 1 FROM stage_followup sf WHERE sf.followup_id = f.followup_id)",
            "a stored follow-up of this goal is dated before set_date"));
    rules.add(followUpGoals());
    return rules;
  }

  /**
   * A follow-up's goal: it must exist (staged, stored, or rejected in this batch for its own
   * errors), and the follow-up must not be dated before the goal's set_date (the staged goal's
   * where one is staged, else the stored one's). One outer join of the follow-ups to the goals
   * answers both.
   */
  private static Rule followUpGoals() {
    return new Rule(
        RecordKind.FOLLOWUPS,
        "SELECT DISTINCT s.row_no, CASE WHEN g.goal_id IS NULL THEN 'goal_id' ELSE"
            + " 'followup_date' END, NULL FROM (SELECT row_no, goal_id, followup_date FROM"
            + " stage_followup UNION ALL SELECT row_no, goal_ref, NULL FROM stage_rejected WHERE"
            + " kind = 'FOLLOWUPS') s LEFT JOIN (SELECT goal_id, set_date FROM stage_goal UNION"
            + " ALL SELECT t.goal_id, t.set_date FROM goal t WHERE NOT EXISTS (SELECT 1 FROM"
            + " stage_goal sg WHERE sg.goal_id = t.goal_id) UNION ALL SELECT id, NULL FROM"
            + " stage_rejected WHERE kind = 'GOALS' AND id IS NOT NULL) g ON g.goal_id ="
            + " s.goal_id WHERE s.goal_id IS NOT NULL AND (g.goal_id IS NULL OR s.followup_date <"
            + " g.set_date)",
        Map.of("goal_id", "no goal has this id", "followup_date", "is before the goal's set_date"));
  }

  /**
   * Every record whose id an earlier record of the batch (valid or not) already has, with the row
   * of the first: one grouping of the ids, then only the repeated ones joined back.
   */
  private static Rule duplicates(RecordKind kind, String idColumn, String stage) {
    return new Rule(
        kind,
        idColumn,
        "WITH a AS (SELECT row_no, "
            + idColumn
            + " AS id FROM "
            + stage
            + " UNION ALL SELECT row_no, id FROM stage_rejected WHERE kind = '"
            + kind.name()
            + "' AND id IS NOT NULL), d AS (SELECT id, MIN(row_no) AS first_row FROM a GROUP BY"
            + " id HAVING COUNT(*) > 1) SELECT a.row_no, '"
            + idColumn
            + "', d.first_row FROM a JOIN d ON a.id = d.id WHERE a.row_no > d.first_row",
        "the same id is already at row %s of this batch");
  }

  @Override
  public List<FieldError> crossRecordErrors() {
    List<FieldError> errors = new ArrayList<>();
    try {
      long t0 = System.nanoTime();
      staging.finish();
      long t1 = took("ingest: staging finished", t0);
      try (Statement s = connection.createStatement()) {
        for (Rule rule : rules()) {
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
        counts.put(RecordKind.GOALS, merge(s, "goal", "stage_goal", "goal_id", GOAL_COLUMNS));
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
