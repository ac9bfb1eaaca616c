package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.model.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the standard datasets besides the cube's engine ({@link CubeSql}, {@link
 * CubeRowsSql}): the period and org dimensions, the drill-down and the compliance table.
 *
 * <ul>
 *   <li>{@code dim_period}: every quarter, year and rolling four-quarter window that the data
 *       touches, with the previous period of the same kind and the period a year earlier.
 *   <li>{@code dim_org_unit}: every org unit with its depth, level name and path ({@code
 *       /ROOT/AREA/UNIT/}), for filters and row-level security.
 *   <li>{@code attainment}: the contract's figures for every combination of period, org node, via,
 *       target group, effect goal or life theme, and goal type, with {@code *} as the "all" member
 *       of each dimension. Each row is computed over its own distinct citizens (ADR 0007).
 *   <li>{@code goal_followups}: one row per counted follow-up per quarter, pseudonymised.
 *   <li>{@code followup_compliance}: on-time share and overdue follow-ups per period, org node, via
 *       and target group (the compliance columns of {@code attainment}).
 * </ul>
 */
public final class DatasetSql {
  /** The period dimension table (built by the refresh from {@link #periodsCovering}). */
  public static final String PERIOD_TABLE = "dim_period";

  /** The org dimension table. */
  public static final String ORG_TABLE = "dim_org_unit";

  /** The "all" member of a dimension. */
  public static final String ALL = "*";

  /** The dataset builders, by the id a dataset definition names in {@code builder}. */
  public static final List<String> BUILDERS =
      List.of("attainment", "goal_followups", "followup_compliance");

  private DatasetSql() {}

  /** Every quarter, year and rolling four-quarter window of the years first..last. */
  public static List<Period> periodsCovering(int firstYear, int lastYear) {
    List<Period> periods = new ArrayList<>();
    for (int y = firstYear; y <= lastYear; y++) {
      periods.add(Period.year(y));
      for (int q = 1; q <= 4; q++) {
        periods.add(Period.quarter(y, q));
        periods.add(Period.rolling(y, q, 4));
      }
    }
    return periods;
  }

  /** The kind of a period as stored in {@code dim_period.period_kind}. */
  public static String kindCode(Period p) {
    return switch (p.kind()) {
      case QUARTER -> "quarter";
      case YEAR -> "year";
      case ROLLING -> "rolling";
    };
  }

  /** DDL of the period dimension. */
  public static String periodTableDdl() {
    return "CREATE TABLE "
        + PERIOD_TABLE
        + " (period VARCHAR NOT NULL, period_kind VARCHAR NOT NULL, p_start DATE NOT NULL,"
        + " p_end DATE NOT NULL, prev_period VARCHAR NOT NULL, yoy_period VARCHAR NOT NULL,"
        + " period_year INTEGER NOT NULL, period_quarter INTEGER)";
  }

  /** The columns of {@code dim_period}, in insert order. */
  public static final List<String> PERIOD_COLUMNS =
      List.of(
          "period",
          "period_kind",
          "p_start",
          "p_end",
          "prev_period",
          "yoy_period",
          "period_year",
          "period_quarter");

  /** The org dimension: units with depth, level label and path. */
  public static String orgUnits() {
    return """
        SELECT u.unit_id, u.name, u.parent_id, u.role, u.valid_from, u.valid_to,
               p.depth AS org_depth,
               COALESCE(lv.label_da, 'Niveau ' || CAST(p.depth AS VARCHAR)) AS org_level,
               p.path AS org_path
        FROM org_unit u
        JOIN (SELECT descendant_id, MAX(depth) AS depth,
                     '/' || STRING_AGG(ancestor_id, '/' ORDER BY depth DESC) || '/' AS path
              FROM org_closure GROUP BY descendant_id) p ON p.descendant_id = u.unit_id
        LEFT JOIN catalogue_label lv
               ON lv.dimension = 'org_level' AND lv.parent_code = CAST(p.depth AS VARCHAR)""";
  }

  /**
   * One row per counted follow-up per quarter, pseudonymised, from a follow-up sequence ({@link
   * CubeSql#followUpSequence}): the last follow-up of a goal in each quarter.
   */
  public static String goalFollowups(String sequence) {
    return """
        SELECT dp.period, dp.p_start AS period_start, dp.period_year,
               cf.followup_id, cf.followup_date, g.goal_id, g.citizen_key, g.age_band,
               g.target_group, g.effect_goal, g.life_theme, g.goal_type,
               g.baseline_score, g.target_score, cf.score,
               CASE WHEN cf.score >= g.target_score THEN 1 ELSE 0 END AS met,
               CASE WHEN cf.score > g.baseline_score THEN 1 ELSE 0 END AS progress,
               cf.score - g.baseline_score AS distance,
               g.set_date, g.due_date,
               g.authority_unit_id, a.org_path AS authority_org_path,
               g.provider_unit_id, p.org_path AS provider_org_path
        FROM %1$s cf
        JOIN %2$s ep ON ep.kind = 0 AND ep.start_qk = cf.qk
        JOIN %3$s dp ON dp.period = ep.period
        JOIN goal g ON g.goal_id = cf.goal_id
        JOIN %4$s a ON a.unit_id = g.authority_unit_id
        LEFT JOIN %4$s p ON p.unit_id = g.provider_unit_id
        WHERE cf.next_qk IS NULL OR cf.next_qk > cf.qk"""
        .formatted(sequence, CubeTables.PERIOD, PERIOD_TABLE, ORG_TABLE);
  }

  /** The compliance columns of the attainment cube, at every effect goal, theme and type. */
  public static String followupCompliance(String attainmentTable) {
    return """
        SELECT period, period_kind, period_start, period_end, period_year, via, org_unit,
               org_unit_name, org_unit_closed, parent_org_unit, org_depth, org_level, org_path,
               target_group, target_group_label, goals_due, followups_on_time, followups_overdue,
               followup_on_time_share, followup_on_time_ci_low, followup_on_time_ci_high
        FROM %s
        WHERE effect_goal = '*' AND life_theme = '*' AND goal_type = '*'
          AND goals_due IS NOT NULL"""
        .formatted(attainmentTable);
  }
}
