package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.model.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the standard datasets besides the cube's engine ({@link CubeSql}, {@link
 * CubeRowsSql}): the period and org dimensions, the drill-down and the compliance table.
 *
 * <ul>
 *   <li>{@code dim_period}: every quarter and year that the data touches and the rolling
 *       four-quarter windows ending on or before the data's as-of date, with the previous period of
 *       the same kind, the period a year earlier, whether the period is complete, its label and
 *       plot date ({@link #periodsAsOf}).
 *   <li>{@code dim_org_unit}: every org unit with its depth, level code and label, path ({@code
 *       /ROOT/AREA/UNIT/}, for filters and row-level security) and the nodes of each level it lies
 *       in ({@link #orgUnits}).
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

  /**
   * The periods to materialise for data that runs to {@code asOf} (issue 11, "complete periods
   * only"): every quarter and year of the years first..last, and the rolling windows that end on or
   * before {@code asOf} (none when there is no as-of date). Quarters and years after it stay, as
   * incomplete periods ({@link #isComplete}).
   */
  public static List<Period> periodsAsOf(int firstYear, int lastYear, LocalDate asOf) {
    return periodsCovering(firstYear, lastYear).stream()
        .filter(p -> p.kind() != Period.Kind.ROLLING || asOf != null && !p.end().isAfter(asOf))
        .toList();
  }

  /** Whether a period is complete: it ends on or before the date the data runs to. */
  public static boolean isComplete(Period p, LocalDate asOf) {
    return asOf != null && !p.end().isAfter(asOf);
  }

  /**
   * A period's Danish label: {@code 2021}, {@code 2021 K4}, and a rolling window at its last
   * quarter, {@code 4 kvt. t.o.m. 2021 K4}.
   */
  public static String periodLabel(Period p) {
    return switch (p.kind()) {
      case YEAR -> Integer.toString(p.year());
      case QUARTER -> p.year() + " K" + p.quarter();
      case ROLLING -> p.window() + " kvt. t.o.m. " + p.year() + " K" + p.quarter();
    };
  }

  /**
   * The date a chart plots a period at: its first day, and for a rolling window the first day of
   * its last quarter (so that a quarterly axis shows each window at the quarter it ends with).
   */
  public static LocalDate periodPlotDate(Period p) {
    return p.kind() == Period.Kind.ROLLING
        ? Period.quarter(p.year(), p.quarter()).start()
        : p.start();
  }

  /** Whether a period ends on 31 December: a year, its last quarter, a window ending with it. */
  public static boolean endsYear(Period p) {
    return p.end().getMonthValue() == 12 && p.end().getDayOfMonth() == 31;
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
        + " period_year INTEGER NOT NULL, period_quarter INTEGER,"
        // complete periods (issue 11): data as of a date, labels and plot dates
        + " period_complete BOOLEAN NOT NULL, period_label VARCHAR NOT NULL,"
        + " period_plot_date DATE NOT NULL, period_ends_year BOOLEAN NOT NULL, as_of DATE)";
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
          "period_quarter",
          "period_complete",
          "period_label",
          "period_plot_date",
          "period_ends_year",
          "as_of");

  /** A row of {@code dim_period}, in {@link #PERIOD_COLUMNS} order. */
  public static List<Object> periodRow(Period p, LocalDate asOf) {
    return java.util.Arrays.asList(
        p.code(),
        kindCode(p),
        p.start(),
        p.end(),
        p.previous().code(),
        p.yearEarlier().code(),
        p.year(),
        p.kind() == Period.Kind.YEAR ? null : p.quarter(),
        isComplete(p, asOf),
        periodLabel(p),
        periodPlotDate(p),
        endsYear(p),
        asOf);
  }

  /** The catalogue's org level codes whose nodes get an {@code in_<level>} column. */
  public static final List<String> IN_LEVELS =
      List.of("kommune", "forvaltning", "driftsomraade", "enhed");

  /**
   * The org dimension: units with depth, path, level ({@code org_level}, the code of the unit's
   * level as the ingest keeps it: given or derived) and its Danish label, and for each of {@link
   * #IN_LEVELS} the node of that level the unit lies in (itself included, the nearest when
   * several), written as a stable option for dashboard filters: {@code Name · ID}, with {@code
   * (afsluttet)} after the name of a unit closed before the data's as-of date ({@code
   * dim_period.as_of}).
   */
  public static String orgUnits() {
    StringBuilder in = new StringBuilder();
    for (String level : IN_LEVELS) {
      in.append(",\n                     MAX(CASE WHEN org_level = '")
          .append(level)
          .append("' THEN org_option END) AS in_")
          .append(level);
    }
    return """
        WITH opts AS (
          SELECT u.unit_id, u.org_level,
                 u.name || CASE WHEN u.valid_to IS NOT NULL
                                 AND u.valid_to < (SELECT MAX(as_of) FROM %1$s)
                                THEN ' (afsluttet)' ELSE '' END || ' · ' || u.unit_id AS org_option
          FROM org_unit u
        )
        SELECT u.unit_id, u.name, u.parent_id, u.role, u.valid_from, u.valid_to,
               p.depth AS org_depth,
               u.org_level,
               COALESCE(lv.label_da, u.org_level) AS org_level_label,
               p.path AS org_path%2$s
        FROM org_unit u
        JOIN (SELECT descendant_id, MAX(depth) AS depth,
                     '/' || STRING_AGG(ancestor_id, '/' ORDER BY depth DESC) || '/' AS path
              FROM org_closure GROUP BY descendant_id) p ON p.descendant_id = u.unit_id
        JOIN (SELECT descendant_id%3$s
              FROM (SELECT c.descendant_id, o.org_level, o.org_option,
                           ROW_NUMBER() OVER (PARTITION BY c.descendant_id, o.org_level
                                              ORDER BY c.depth) AS nearest
                    FROM org_closure c JOIN opts o ON o.unit_id = c.ancestor_id) t
              WHERE nearest = 1 GROUP BY descendant_id) a ON a.descendant_id = u.unit_id
        LEFT JOIN catalogue_label lv ON lv.dimension = 'org_level' AND lv.code = u.org_level"""
        .formatted(
            PERIOD_TABLE,
            IN_LEVELS.stream().map(l -> ",\n               a.in_" + l).reduce("", String::concat),
            in);
  }

  /**
   * One row per counted follow-up per quarter, pseudonymised, from a follow-up sequence ({@link
   * CubeSql#followUpSequence}): the last follow-up of a goal in each quarter.
   */
  public static String goalFollowups(String sequence) {
    return goalFollowups(sequence, "goal");
  }

  /**
   * {@link #goalFollowups(String)} with the goals' rows read from {@code goalTable} (of {@code
   * goal}'s columns: an incremental refresh passes the changed goals' rows it already read).
   */
  public static String goalFollowups(String sequence, String goalTable) {
    return """
        SELECT dp.period, dp.p_start AS period_start, dp.period_year,
               dp.period_complete, dp.period_label,
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
        JOIN %5$s g ON g.goal_id = cf.goal_id
        JOIN %4$s a ON a.unit_id = g.authority_unit_id
        LEFT JOIN %4$s p ON p.unit_id = g.provider_unit_id
        WHERE cf.next_qk IS NULL OR cf.next_qk > cf.qk"""
        .formatted(sequence, CubeTables.PERIOD, PERIOD_TABLE, ORG_TABLE, goalTable);
  }

  /** The period columns of issue 11 ("complete periods only") that the datasets carry. */
  public static Map<String, String> periodColumns(String dimPeriod) {
    Map<String, String> c = new LinkedHashMap<>();
    for (String column :
        List.of("period_complete", "period_label", "period_plot_date", "period_ends_year")) {
      c.put(column, dimPeriod + "." + column);
    }
    return c;
  }

  /** The compliance columns of the attainment cube, at every effect goal, theme and type. */
  public static String followupCompliance(String attainmentTable) {
    return """
        SELECT period, period_kind, period_start, period_end, period_year, period_complete,
               period_label, period_plot_date, period_ends_year, via, org_unit,
               org_unit_name, org_unit_closed, parent_org_unit, org_depth, org_level,
               org_level_label, org_path, %2$s,
               target_group, target_group_label, goals_due, followups_on_time, followups_overdue,
               followup_on_time_share, followup_on_time_ci_low, followup_on_time_ci_high
        FROM %1$s
        WHERE effect_goal = '*' AND life_theme = '*' AND goal_type = '*'
          AND goals_due IS NOT NULL"""
        .formatted(
            attainmentTable, String.join(", ", IN_LEVELS.stream().map(l -> "in_" + l).toList()));
  }
}
