package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.ingest.RecordKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ingest's rules that span records, as SQL over the stage tables and the stored ones ({@link
 * JdbcIngestTransaction#crossRecordErrors()}), before or after the batch's goals are stored (ADR
 * 0026): before, where a rule needs the goals it reads the staged ones and the stored ones the
 * batch does not replace; after, the stored goals are exactly those.
 */
final class CrossRecordRules {
  private CrossRecordRules() {}

  /**
   * The cross-record rules of one kind of record: the query yields (row_no, field, detail) triples,
   * and {@code rules} gives each field's rule (a {@code %s} in it is filled with the detail).
   */
  record Rule(RecordKind kind, String sql, Map<String, String> rules) {
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
   * grouping per kind, both rules on a follow-up's goal by one join. Once the goals are stored the
   * goals' duplicate rule is left out (ADR 0028): they are stored only when no goal id repeats in
   * the stage and no record was rejected before the first follow-up, and no goal can be staged or
   * rejected after it, so the rule could find nothing.
   */
  private static List<Rule> rules(boolean goalsStored) {
    List<Rule> rules = new ArrayList<>();
    rules.add(duplicates(RecordKind.ORG_UNITS, "unit_id", "stage_org_unit"));
    if (!goalsStored) {
      rules.add(duplicates(RecordKind.GOALS, "goal_id", "stage_goal"));
    }
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
    rules.add(followUpGoals(goalsStored));
    return rules;
  }

  /**
   * A follow-up's goal: it must exist (staged, stored, or rejected in this batch for its own
   * errors), and the follow-up must not be dated before the goal's set_date (the staged goal's
   * where one is staged, else the stored one's). One outer join of the follow-ups to the goals
   * answers both. Once the batch's goals are stored, the stored goals are exactly those goals.
   */
  private static Rule followUpGoals(boolean goalsStored) {
    String goals =
        goalsStored
            ? "SELECT goal_id, set_date FROM goal"
            : "SELECT goal_id, set_date FROM stage_goal UNION ALL SELECT t.goal_id, t.set_date FROM"
                + " goal t WHERE NOT EXISTS (SELECT 1 FROM stage_goal sg WHERE sg.goal_id ="
                + " t.goal_id)";
    return new Rule(
        RecordKind.FOLLOWUPS,
        "SELECT DISTINCT s.row_no, CASE WHEN g.goal_id IS NULL THEN 'goal_id' ELSE"
            + " 'followup_date' END, NULL FROM (SELECT row_no, goal_id, followup_date FROM"
            + " stage_followup UNION ALL SELECT row_no, goal_ref, NULL FROM stage_rejected WHERE"
            + " kind = 'FOLLOWUPS') s LEFT JOIN ("
            + goals
            + " UNION ALL SELECT id, NULL FROM stage_rejected WHERE kind = 'GOALS' AND id IS NOT"
            + " NULL) g ON g.goal_id = s.goal_id WHERE s.goal_id IS NOT NULL AND (g.goal_id IS NULL"
            + " OR s.followup_date < g.set_date)",
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

  /** Every rule, in the order they run, before the batch's goals are stored. */
  static final List<Rule> BEFORE_GOALS_STORED = List.copyOf(rules(false));

  /** Every rule, in the order they run, once the batch's goals are stored. */
  static final List<Rule> AFTER_GOALS_STORED = List.copyOf(rules(true));
}
