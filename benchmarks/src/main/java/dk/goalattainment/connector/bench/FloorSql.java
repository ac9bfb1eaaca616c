package dk.goalattainment.connector.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written baselines ("floors") in DuckDB: a plain {@code read_csv} load of the same files
 * into the same table shapes; the core cube of issue 12 (the refresh floor); and the old full-cube
 * floor of issue 7 ({@link #refresh()}, optional: it takes minutes at 1 M follow-ups).
 */
final class FloorSql {
  private FloorSql() {}

  private static String csv(Path file, String columns) {
    return "read_csv('%s', header = true, delim = ',', quote = '\"', columns = {%s})"
        .formatted(file.toAbsolutePath().toString().replace("'", "''"), columns);
  }

  /** The org file's columns: files written before the optional {@code level} column lack it. */
  private static String orgColumns(Path org) {
    String columns =
        "'unit_id': 'VARCHAR', 'name': 'VARCHAR', 'parent_id': 'VARCHAR', 'role': 'VARCHAR',"
            + " 'valid_from': 'DATE', 'valid_to': 'DATE'";
    try (BufferedReader r = Files.newBufferedReader(org)) {
      String header = r.readLine();
      return header != null && header.endsWith(",level")
          ? columns + ", 'level': 'VARCHAR'"
          : columns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The load floor: DuckDB parses the same CSV files and inserts them into the store's tables,
   * deriving what the connector derives (pseudonym as an unkeyed SHA-256, age band, effect goal,
   * goal type when missing, the org closure; not the org levels, a rule over a few dozen units). No
   * validation, no HMAC, no staging tables.
   */
  static List<String> load(DemoCsv.Files3 f) {
    List<String> sql = new ArrayList<>();
    sql.add(
        "INSERT INTO org_unit (unit_id, name, parent_id, role, valid_from, valid_to)"
            + " SELECT unit_id, name, NULLIF(parent_id, ''), NULLIF(role, ''),"
            + " valid_from, valid_to FROM "
            + csv(f.org(), orgColumns(f.org())));
    sql.add(
        """
        INSERT INTO org_closure
        WITH RECURSIVE up(ancestor_id, descendant_id, depth) AS (
          SELECT unit_id, unit_id, 0 FROM org_unit
          UNION ALL
          SELECT o.parent_id, up.descendant_id, up.depth + 1
          FROM up JOIN org_unit o ON o.unit_id = up.ancestor_id WHERE o.parent_id IS NOT NULL)
        SELECT ancestor_id, descendant_id, depth FROM up""");
    sql.add(
        """
        INSERT INTO goal
        SELECT goal_id, sha256(digits) AS citizen_key, target_group, life_theme,
               l.parent_code AS effect_goal,
               COALESCE(NULLIF(goal_type, ''),
                        CASE WHEN target_score > baseline_score THEN 'progression'
                             WHEN target_score = baseline_score THEN 'maintenance'
                             ELSE 'limited_decline' END),
               baseline_score, target_score, set_date, due_date, authority_unit_id,
               NULLIF(provider_unit_id, ''),
               CASE WHEN age < 6 THEN '0-5' WHEN age < 13 THEN '6-12' WHEN age < 18 THEN '13-17'
                    WHEN age < 30 THEN '18-29' WHEN age < 50 THEN '30-49'
                    WHEN age < 65 THEN '50-64' ELSE '65+' END AS age_band
        FROM (
          SELECT *, date_sub('year',
                   make_date(CAST(CASE WHEN d7 <= 3 THEN 1900
                                  WHEN d7 IN (4, 9) THEN CASE WHEN yy <= 36 THEN 2000 ELSE 1900 END
                                  ELSE CASE WHEN yy <= 57 THEN 2000 ELSE 1800 END END + yy AS BIGINT),
                             CAST(substr(digits, 3, 2) AS BIGINT),
                             CAST(substr(digits, 1, 2) AS BIGINT)),
                   set_date) AS age
          FROM (
            SELECT *, CAST(substr(digits, 5, 2) AS INTEGER) AS yy,
                   CAST(substr(digits, 7, 1) AS INTEGER) AS d7
            FROM (SELECT *, replace(cpr, '-', '') AS digits FROM %s) r0) r1) r
        JOIN catalogue_label l ON l.dimension = 'life_theme' AND l.code = r.life_theme"""
            .formatted(
                csv(
                    f.goals(),
                    "'goal_id': 'VARCHAR', 'cpr': 'VARCHAR', 'target_group': 'VARCHAR',"
                        + " 'life_theme': 'VARCHAR', 'goal_type': 'VARCHAR', 'baseline_score':"
                        + " 'INTEGER', 'target_score': 'INTEGER', 'set_date': 'DATE', 'due_date':"
                        + " 'DATE', 'authority_unit_id': 'VARCHAR', 'provider_unit_id': 'VARCHAR'")));
    sql.add(
        "INSERT INTO followup SELECT * FROM "
            + csv(
                f.followUps(),
                "'followup_id': 'VARCHAR', 'goal_id': 'VARCHAR', 'followup_date': 'DATE',"
                    + " 'score': 'INTEGER'"));
    return sql;
  }

  /**
   * The refresh floor of issue 12: the core cube, written by hand as anyone would, independent of
   * the engine's plan: quarter and year × every org ancestor (authority view) × effect goal
   * (including {@code *}), with distinct citizens, the two-level mean (the mean over citizens of
   * met ÷ followed up) and the met share. The counted follow-up of a goal in a period is its latest
   * (by date, then id) with {@code arg_max}; the citizen is the stored 64-character pseudonym.
   */
  static String coreCube() {
    return """
        CREATE OR REPLACE TEMP TABLE floor_core_cube AS
        WITH fu AS (
          SELECT goal_id, followup_id, followup_date, score,
                 CAST(year(followup_date) AS VARCHAR) || '-Q'
                   || CAST(quarter(followup_date) AS VARCHAR) AS quarter,
                 CAST(year(followup_date) AS VARCHAR) AS year
          FROM followup),
        counted AS (
          SELECT quarter AS period, goal_id, arg_max(score, (followup_date, followup_id)) AS score
          FROM fu GROUP BY quarter, goal_id
          UNION ALL
          SELECT year, goal_id, arg_max(score, (followup_date, followup_id)) FROM fu
          GROUP BY year, goal_id),
        facts AS (
          SELECT c.period, oc.ancestor_id AS org_unit, g.effect_goal, g.citizen_key,
                 CASE WHEN c.score >= g.target_score THEN 1 ELSE 0 END AS met
          FROM counted c JOIN goal g ON g.goal_id = c.goal_id
          JOIN org_closure oc ON oc.descendant_id = g.authority_unit_id),
        per_citizen AS (
          SELECT period, org_unit, effect_goal, citizen_key, COUNT(*) AS n, SUM(met) AS m
          FROM facts
          GROUP BY GROUPING SETS ((period, org_unit, effect_goal, citizen_key),
                                  (period, org_unit, citizen_key)))
        SELECT period, org_unit, COALESCE(effect_goal, '*') AS effect_goal,
               COUNT(*) AS citizens, AVG(m / n) AS goal_attainment_avg,
               SUM(m) / SUM(n) AS goals_met_share
        FROM per_citizen GROUP BY period, org_unit, effect_goal""";
  }

  private static String groupingSets(String always) {
    List<String> sets = new ArrayList<>();
    for (boolean tg : new boolean[] {true, false}) {
      for (int level = 2; level >= 0; level--) {
        for (boolean gt : new boolean[] {true, false}) {
          List<String> cols = new ArrayList<>(List.of(always));
          if (tg) {
            cols.add("tg");
          }
          if (level >= 1) {
            cols.add("eg");
          }
          if (level == 2) {
            cols.add("lt");
          }
          if (gt) {
            cols.add("gt");
          }
          sets.add("(" + String.join(", ", cols) + ")");
        }
      }
    }
    return "GROUPING SETS (" + String.join(", ", sets) + ")";
  }

  /**
   * The refresh floor: the same cube aggregates (per-citizen sums over the counted follow-ups, per
   * slice citizens / mean / sd / sums / per-type met and unmet, compliance by due date, the changes
   * against the previous period and a year earlier), the citizen-grain follow-up table and the
   * compliance table, written as lean as we could: the latest follow-up per goal is found per
   * quarter with {@code arg_max} and rolled up to years and rolling windows by an equality join,
   * dimension codes stay as they are, no label joins. Runs into TEMP tables.
   */
  static List<String> refresh() {
    List<String> sql = new ArrayList<>();
    refreshFacts(sql);
    refreshAggregates(sql);
    refreshOutputs(sql);
    return sql;
  }

  /** The period map, the goals with citizen numbers, the counted follow-ups, the dictionaries. */
  private static void refreshFacts(List<String> sql) {
    // quarter key -> every period that holds the quarter (itself, its year, four rolling windows)
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE f_qp AS
        SELECT CAST(year(q.p_start) * 4 + quarter(q.p_start) - 1 AS INTEGER) AS qk,
               p.period, p.p_end
        FROM dim_period q JOIN dim_period p ON q.p_start >= p.p_start AND q.p_end <= p.p_end
        WHERE q.period_kind = 'quarter'""");
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE f_goal AS
        SELECT g.goal_id, CAST(c.cno AS INTEGER) AS cno, g.target_group AS tg,
               g.effect_goal AS eg, g.life_theme AS lt, g.goal_type AS gt,
               g.baseline_score, g.target_score, g.authority_unit_id, g.provider_unit_id,
               g.due_date, g.age_band, g.citizen_key, g.set_date
        FROM goal g JOIN (SELECT citizen_key, ROW_NUMBER() OVER () AS cno
                          FROM (SELECT DISTINCT citizen_key FROM goal) t) c
          ON c.citizen_key = g.citizen_key""");
    // counted follow-ups: per goal and period the latest (date, id)
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE f_counted AS
        WITH lastq AS (
          SELECT goal_id,
                 CAST(year(followup_date) * 4 + quarter(followup_date) - 1 AS INTEGER) AS qk,
                 arg_max(followup_id, {'d': followup_date, 'i': followup_id}) AS followup_id,
                 max({'d': followup_date, 'i': followup_id}) AS k,
                 arg_max(score, {'d': followup_date, 'i': followup_id}) AS score
          FROM followup GROUP BY ALL)
        SELECT qp.period, l.goal_id, arg_max(l.followup_id, l.k) AS followup_id,
               struct_extract(max(l.k), 'd') AS followup_date, arg_max(l.score, l.k) AS score
        FROM lastq l JOIN f_qp qp ON qp.qk = l.qk GROUP BY ALL""");
    // Dictionary codes: every key becomes a small integer, packed into two BIGINTs, and the twelve
    // grouping sets become a cross join with twelve bit masks and one plain GROUP BY (DuckDB's
    // GROUPING SETS over VARCHAR keys was twice as slow in our measurements).
    sql.add(
        "CREATE OR REPLACE TEMP TABLE f_dp AS SELECT period, CAST(ROW_NUMBER() OVER (ORDER BY"
            + " period) AS BIGINT) AS id FROM dim_period");
    sql.add(
        "CREATE OR REPLACE TEMP TABLE f_do AS SELECT unit_id, CAST(ROW_NUMBER() OVER (ORDER BY"
            + " unit_id) AS BIGINT) AS id FROM org_unit");
    sql.add(
        "CREATE OR REPLACE TEMP TABLE f_dc AS SELECT dimension, code, CAST(ROW_NUMBER() OVER"
            + " (PARTITION BY dimension ORDER BY code) AS BIGINT) AS id FROM catalogue_label");
  }

  /** Per-citizen sums rolled up to the slices (twelve patterns as bit masks), and compliance. */
  private static void refreshAggregates(List<String> sql) {
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE f_aggp AS
        WITH facts AS (
          SELECT (dp.id << 44) | (v.via << 43) | (o.id << 36) | g.cno AS pk,
                 (ltg.id << 12) | (leg.id << 8) | (llt.id << 3) | lgt.id AS dk,
                 CAST(cf.score >= g.target_score AS INTEGER) AS met,
                 CAST(cf.score > g.baseline_score AS INTEGER) AS prog,
                 cf.score - g.baseline_score AS dist,
                 CAST(g.gt = 'progression' AS INTEGER) AS t1,
                 CAST(g.gt = 'maintenance' AS INTEGER) AS t2,
                 CAST(g.gt = 'limited_decline' AS INTEGER) AS t3
          FROM f_counted cf JOIN f_goal g ON g.goal_id = cf.goal_id
          JOIN f_dp dp ON dp.period = cf.period
          CROSS JOIN (VALUES (CAST(0 AS BIGINT)), (1)) v(via)
          JOIN org_closure c ON c.descendant_id =
               CASE WHEN v.via = 0 THEN g.authority_unit_id ELSE g.provider_unit_id END
          JOIN f_do o ON o.unit_id = c.ancestor_id
          JOIN f_dc ltg ON ltg.dimension = 'target_group' AND ltg.code = g.tg
          JOIN f_dc leg ON leg.dimension = 'effect_goal' AND leg.code = g.eg
          JOIN f_dc llt ON llt.dimension = 'life_theme' AND llt.code = g.lt
          JOIN f_dc lgt ON lgt.dimension = 'goal_type' AND lgt.code = g.gt),
        masks AS (
          SELECT (CASE WHEN htg THEN 61440 ELSE 0 END) | (CASE WHEN lvl >= 1 THEN 3840 ELSE 0 END)
                 | (CASE WHEN lvl = 2 THEN 248 ELSE 0 END) | (CASE WHEN hgt THEN 7 ELSE 0 END)
                 AS mask
          FROM (VALUES (true, 2, true), (true, 2, false), (true, 1, true), (true, 1, false),
                       (true, 0, true), (true, 0, false), (false, 2, true), (false, 2, false),
                       (false, 1, true), (false, 1, false), (false, 0, true), (false, 0, false))
               t(htg, lvl, hgt)),
        pc AS (
          SELECT pk, dk & m.mask AS dk, COUNT(*) AS n, SUM(met) AS m, SUM(prog) AS p,
                 SUM(dist) AS d, SUM(t1 * met) AS pm, SUM(t1 * (1 - met)) AS pu,
                 SUM(t2 * met) AS mm, SUM(t2 * (1 - met)) AS mu, SUM(t3 * met) AS lm,
                 SUM(t3 * (1 - met)) AS lu
          FROM facts CROSS JOIN masks m GROUP BY ALL)
        SELECT pk >> 36 AS sk, dk, COUNT(*) AS citizens, AVG(m / n) AS att_avg,
               STDDEV_SAMP(m / n) AS att_sd, SUM(n) AS fu, SUM(m) AS met, SUM(p) AS prog,
               SUM(d) AS dsum, SUM(pm) AS progression_met, SUM(pu) AS progression_unmet,
               SUM(mm) AS maintenance_met, SUM(mu) AS maintenance_unmet,
               SUM(lm) AS limited_decline_met, SUM(lu) AS limited_decline_unmet
        FROM pc GROUP BY ALL""");
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE f_agg AS
        SELECT dp.period, CASE WHEN (a.sk >> 7) & 1 = 0 THEN 'authority' ELSE 'provider' END AS via,
               o.unit_id AS org_unit, ltg.code AS tg, leg.code AS eg, llt.code AS lt,
               lgt.code AS gt, a.* EXCLUDE (sk, dk)
        FROM f_aggp a
        JOIN f_dp dp ON dp.id = a.sk >> 8
        JOIN f_do o ON o.id = a.sk & 127
        LEFT JOIN f_dc ltg ON ltg.dimension = 'target_group' AND ltg.id = (a.dk >> 12) & 15
        LEFT JOIN f_dc leg ON leg.dimension = 'effect_goal' AND leg.id = (a.dk >> 8) & 15
        LEFT JOIN f_dc llt ON llt.dimension = 'life_theme' AND llt.id = (a.dk >> 3) & 31
        LEFT JOIN f_dc lgt ON lgt.dimension = 'goal_type' AND lgt.id = a.dk & 7""");
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE f_due AS
        WITH ff AS (SELECT goal_id, MIN(followup_date) AS first_date FROM followup GROUP BY ALL),
        x AS (
          SELECT qp.period, v.via, c.ancestor_id AS org_unit, g.tg, g.eg, g.lt, g.gt,
                 g.due_date, ff.first_date, qp.p_end
          FROM f_goal g
          JOIN f_qp qp ON qp.qk = CAST(year(g.due_date) * 4 + quarter(g.due_date) - 1 AS INTEGER)
          CROSS JOIN (VALUES ('authority'), ('provider')) v(via)
          JOIN org_closure c ON c.descendant_id =
               CASE WHEN v.via = 'authority' THEN g.authority_unit_id ELSE g.provider_unit_id END
          LEFT JOIN ff ON ff.goal_id = g.goal_id)
        SELECT period, via, org_unit, tg, eg, lt, gt, COUNT(*) AS goals_due,
               SUM(CASE WHEN first_date <= due_date THEN 1 ELSE 0 END) AS on_time,
               SUM(CASE WHEN first_date IS NULL OR first_date > p_end THEN 1 ELSE 0 END)
                 AS overdue
        FROM x GROUP BY %s"""
            .formatted(groupingSets("period, via, org_unit")));
  }

  /** The cube with its figures and changes, the citizen-grain table and the compliance table. */
  private static void refreshOutputs(List<String> sql) {
    // the cube: slices of either side, figures, changes against prev / yoy
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE f_attainment AS
        WITH k AS (
          SELECT period, via, org_unit, tg, eg, lt, gt FROM f_agg
          UNION SELECT period, via, org_unit, tg, eg, lt, gt FROM f_due)
        SELECT k.period, k.via, k.org_unit, COALESCE(k.tg, '*') AS target_group,
               COALESCE(k.eg, '*') AS effect_goal, COALESCE(k.lt, '*') AS life_theme,
               COALESCE(k.gt, '*') AS goal_type,
               a.citizens, a.att_avg AS goal_attainment_avg, a.fu AS goals_followed_up,
               a.met AS goals_met, a.met / a.fu AS goals_met_share,
               a.prog / a.fu AS progress_share, a.dsum / a.fu AS distance_avg,
               a.att_avg - 1.96 * a.att_sd / sqrt(a.citizens) AS goal_attainment_ci_low,
               a.att_avg + 1.96 * a.att_sd / sqrt(a.citizens) AS goal_attainment_ci_high,
               a.citizens < 20 AS low_n, a.att_sd AS goal_attainment_sd,
               a.progression_met, a.progression_unmet, a.maintenance_met, a.maintenance_unmet,
               a.limited_decline_met, a.limited_decline_unmet,
               d.goals_due, d.on_time AS followups_on_time, d.overdue AS followups_overdue,
               d.on_time / d.goals_due AS followup_on_time_share,
               a.att_avg - pv.att_avg AS goal_attainment_avg_change_prev,
               a.met / a.fu - pv.met / pv.fu AS goals_met_share_change_prev,
               a.citizens - pv.citizens AS citizens_change_prev,
               a.att_avg - yy.att_avg AS goal_attainment_avg_change_yoy,
               a.met / a.fu - yy.met / yy.fu AS goals_met_share_change_yoy,
               a.citizens - yy.citizens AS citizens_change_yoy
        FROM k JOIN dim_period dp ON dp.period = k.period
        LEFT JOIN f_agg a ON a.period = k.period AND a.via = k.via AND a.org_unit = k.org_unit
          AND a.tg IS NOT DISTINCT FROM k.tg AND a.eg IS NOT DISTINCT FROM k.eg
          AND a.lt IS NOT DISTINCT FROM k.lt AND a.gt IS NOT DISTINCT FROM k.gt
        LEFT JOIN f_due d ON d.period = k.period AND d.via = k.via AND d.org_unit = k.org_unit
          AND d.tg IS NOT DISTINCT FROM k.tg AND d.eg IS NOT DISTINCT FROM k.eg
          AND d.lt IS NOT DISTINCT FROM k.lt AND d.gt IS NOT DISTINCT FROM k.gt
        LEFT JOIN f_agg pv ON pv.period = dp.prev_period AND pv.via = k.via
          AND pv.org_unit = k.org_unit
          AND pv.tg IS NOT DISTINCT FROM k.tg AND pv.eg IS NOT DISTINCT FROM k.eg
          AND pv.lt IS NOT DISTINCT FROM k.lt AND pv.gt IS NOT DISTINCT FROM k.gt
        LEFT JOIN f_agg yy ON yy.period = dp.yoy_period AND yy.via = k.via
          AND yy.org_unit = k.org_unit
          AND yy.tg IS NOT DISTINCT FROM k.tg AND yy.eg IS NOT DISTINCT FROM k.eg
          AND yy.lt IS NOT DISTINCT FROM k.lt AND yy.gt IS NOT DISTINCT FROM k.gt""");
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE f_goal_followups AS
        SELECT cf.period, cf.followup_id, cf.followup_date, g.goal_id, g.citizen_key, g.age_band,
               g.tg AS target_group, g.eg AS effect_goal, g.lt AS life_theme, g.gt AS goal_type,
               g.baseline_score, g.target_score, cf.score,
               CAST(cf.score >= g.target_score AS INTEGER) AS met,
               CAST(cf.score > g.baseline_score AS INTEGER) AS progress,
               cf.score - g.baseline_score AS distance, g.set_date, g.due_date,
               g.authority_unit_id, g.provider_unit_id
        FROM f_counted cf JOIN dim_period dp ON dp.period = cf.period AND dp.period_kind = 'quarter'
        JOIN f_goal g ON g.goal_id = cf.goal_id""");
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE f_followup_compliance AS
        SELECT period, via, org_unit, target_group, goals_due, followups_on_time,
               followups_overdue, followup_on_time_share
        FROM f_attainment
        WHERE effect_goal = '*' AND life_theme = '*' AND goal_type = '*'
          AND goals_due IS NOT NULL""");
  }

  static List<String> dropRefreshTables() {
    return List.of(
        "DROP TABLE IF EXISTS f_qp",
        "DROP TABLE IF EXISTS f_goal",
        "DROP TABLE IF EXISTS f_counted",
        "DROP TABLE IF EXISTS f_agg",
        "DROP TABLE IF EXISTS f_aggp",
        "DROP TABLE IF EXISTS f_dp",
        "DROP TABLE IF EXISTS f_do",
        "DROP TABLE IF EXISTS f_dc",
        "DROP TABLE IF EXISTS f_due",
        "DROP TABLE IF EXISTS f_attainment",
        "DROP TABLE IF EXISTS f_goal_followups",
        "DROP TABLE IF EXISTS f_followup_compliance");
  }
}
