package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.model.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL that materialises the standard datasets, from the same fragments as the live report
 * ({@link AttainmentSql}), so that every figure has one definition.
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

  private static final String KEYS =
      "period, via, org_unit, target_group, effect_goal, life_theme, goal_type";

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

  /** The twelve grouping sets of the cube: target group × (none, effect goal, theme) × type. */
  private static String groupingSets(String always) {
    List<String> sets = new ArrayList<>();
    for (boolean tg : new boolean[] {true, false}) {
      for (int level = 2; level >= 0; level--) {
        for (boolean gt : new boolean[] {true, false}) {
          List<String> cols = new ArrayList<>(List.of(always.split(",\\s*")));
          if (tg) {
            cols.add("target_group");
          }
          if (level >= 1) {
            cols.add("effect_goal");
          }
          if (level == 2) {
            cols.add("life_theme");
          }
          if (gt) {
            cols.add("goal_type");
          }
          sets.add("(" + String.join(", ", cols) + ")");
        }
      }
    }
    return "GROUPING SETS (\n  " + String.join(",\n  ", sets) + ")";
  }

  private static String keysAllFilled(String alias) {
    return ("%1$s.period, %1$s.via, %1$s.org_unit, COALESCE(%1$s.target_group, '*') AS target_group,"
            + " COALESCE(%1$s.effect_goal, '*') AS effect_goal,"
            + " COALESCE(%1$s.life_theme, '*') AS life_theme,"
            + " COALESCE(%1$s.goal_type, '*') AS goal_type")
        .formatted(alias);
  }

  private static String sameSlice(String a, String b, boolean samePeriod) {
    return (samePeriod ? a + ".period = " + b + ".period AND " : "")
        + ("%1$s.via = %2$s.via AND %1$s.org_unit = %2$s.org_unit"
                + " AND %1$s.target_group = %2$s.target_group"
                + " AND %1$s.effect_goal = %2$s.effect_goal"
                + " AND %1$s.life_theme = %2$s.life_theme AND %1$s.goal_type = %2$s.goal_type")
            .formatted(a, b);
  }

  /** The unit a goal sits at for a view. */
  private static final String VIA_UNIT =
      "CASE WHEN v.via = 'authority' THEN g.authority_unit_id ELSE g.provider_unit_id END";

  /** The attainment cube. Reads {@code dim_period} and {@code dim_org_unit}. */
  public static String attainment(SqlSyntax syntax) {
    String d = syntax.doubleType();
    StringBuilder sql = new StringBuilder("WITH\n");
    sql.append("periods AS (SELECT period AS period_key, p_start, p_end FROM ")
        .append(PERIOD_TABLE)
        .append("),\n");
    sql.append("vias(via) AS (VALUES ('authority'), ('provider')),\n");
    // Distinct counting groups on an integer stand-in for the 64-character pseudonym: only its
    // distinctness matters, and integer keys hash and compare far faster.
    sql.append(
        "citizen_numbers AS (SELECT citizen_key, ROW_NUMBER() OVER (ORDER BY citizen_key) AS"
            + " citizen_no FROM (SELECT DISTINCT citizen_key FROM goal) t),\n");
    sql.append("counted AS (\n").append(AttainmentSql.countedFollowUps("periods")).append("\n),\n");
    sql.append(
        """
        facts AS (
          SELECT cf.period_key AS period, v.via, c.ancestor_id AS org_unit,
                 cn.citizen_no AS citizen_key,
                 g.target_group, g.effect_goal, g.life_theme, g.goal_type,
                 g.target_score, g.baseline_score, cf.score
          FROM counted cf JOIN goal g ON g.goal_id = cf.goal_id
          JOIN citizen_numbers cn ON cn.citizen_key = g.citizen_key
          CROSS JOIN vias v
          JOIN org_closure c ON c.descendant_id = %s
        ),
        """
            .formatted(VIA_UNIT));
    sql.append("per_citizen AS (\n")
        .append(
            AttainmentSql.perCitizenSums(
                "facts", KEYS, groupingSets("period, via, org_unit, citizen_key")))
        .append("\n),\n");
    sql.append("agg AS (\n  SELECT ")
        .append(keysAllFilled("a"))
        .append(", a.citizens, a.att_avg, a.att_sd, a.fu, a.met, a.prog, a.dist, a.dsum");
    for (String t : AttainmentSql.GOAL_TYPES) {
      sql.append(", a.").append(t).append("_met, a.").append(t).append("_unmet");
    }
    sql.append(" FROM (\n")
        .append(AttainmentSql.perSliceAggregates("per_citizen", KEYS, syntax))
        .append("\n  ) a\n),\n");
    sql.append(
        """
        due_facts AS (
          SELECT dp.period, v.via, c.ancestor_id AS org_unit, g.target_group, g.effect_goal,
                 g.life_theme, g.goal_type, g.due_date, ff.first_date, dp.p_end
          FROM goal g
          JOIN %s dp ON g.due_date BETWEEN dp.p_start AND dp.p_end
          CROSS JOIN vias v
          JOIN org_closure c ON c.descendant_id = %s
          LEFT JOIN %s ff ON ff.goal_id = g.goal_id
        ),
        """
            .formatted(PERIOD_TABLE, VIA_UNIT, AttainmentSql.FIRST_FOLLOWUP));
    sql.append("due AS (\n  SELECT ")
        .append(keysAllFilled("x"))
        .append(", x.goals_due, x.on_time, x.overdue FROM (\n    SELECT ")
        .append(KEYS)
        .append(", ")
        .append(AttainmentSql.complianceSums("due_date", "first_date", "p_end"))
        .append("\n    FROM due_facts GROUP BY ")
        .append(groupingSets("period, via, org_unit"))
        .append("\n  ) x\n),\n");
    sql.append("slices AS (SELECT ")
        .append(KEYS)
        .append(" FROM agg UNION SELECT ")
        .append(KEYS)
        .append(" FROM due)\n");

    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("period", "k.period");
    columns.put("period_kind", "dp.period_kind");
    columns.put("period_start", "dp.p_start");
    columns.put("period_end", "dp.p_end");
    columns.put("period_year", "dp.period_year");
    columns.putAll(periodColumns("dp"));
    columns.put("via", "k.via");
    columns.put("org_unit", "k.org_unit");
    columns.put("org_unit_name", AttainmentSql.closedLabel("ou", "dp.p_end"));
    columns.put("org_unit_closed", "(ou.valid_to IS NOT NULL AND ou.valid_to < dp.p_end)");
    columns.put("parent_org_unit", "ou.parent_id");
    columns.put("org_depth", "ou.org_depth");
    columns.put("org_level", "ou.org_level");
    columns.put("org_level_label", "ou.org_level_label");
    columns.put("org_path", "ou.org_path");
    for (String level : IN_LEVELS) {
      columns.put("in_" + level, "ou.in_" + level);
    }
    columns.put("target_group", "k.target_group");
    columns.put("target_group_label", label("k.target_group", "ltg", "Alle målgrupper"));
    columns.put("effect_goal", "k.effect_goal");
    columns.put("effect_goal_label", label("k.effect_goal", "leg", "Alle effektmål"));
    columns.put("life_theme", "k.life_theme");
    columns.put("life_theme_label", label("k.life_theme", "llt", "Alle livstemaer"));
    columns.put("goal_type", "k.goal_type");
    columns.put("goal_type_label", label("k.goal_type", "lgt", "Alle måltyper"));
    columns.putAll(AttainmentSql.figures("c", "dd", syntax));
    columns.put("goals_with_progress", "c.prog");
    columns.put("distance_sum", "c.dsum");
    for (String t : AttainmentSql.GOAL_TYPES) {
      columns.put(t + "_met", "c." + t + "_met");
      columns.put(t + "_unmet", "c." + t + "_unmet");
    }
    columns.put("followups_on_time", "dd.on_time");
    columns.putAll(AttainmentSql.changes("c", "pv", "_change_prev", syntax));
    columns.putAll(AttainmentSql.changes("c", "yy", "_change_yoy", syntax));
    List<String> select = new ArrayList<>();
    columns.forEach((name, expression) -> select.add(expression + " AS " + name));
    sql.append("SELECT\n  ")
        .append(String.join(",\n  ", select))
        .append("\nFROM slices k\n")
        .append("JOIN ")
        .append(PERIOD_TABLE)
        .append(" dp ON dp.period = k.period\n")
        .append("JOIN ")
        .append(ORG_TABLE)
        .append(" ou ON ou.unit_id = k.org_unit\n")
        .append("LEFT JOIN agg c ON ")
        .append(sameSlice("c", "k", true))
        .append("\nLEFT JOIN due dd ON ")
        .append(sameSlice("dd", "k", true))
        .append("\nLEFT JOIN agg pv ON pv.period = dp.prev_period AND ")
        .append(sameSlice("pv", "k", false))
        .append("\nLEFT JOIN agg yy ON yy.period = dp.yoy_period AND ")
        .append(sameSlice("yy", "k", false))
        .append("\n")
        .append(labelJoin("ltg", "target_group"))
        .append(labelJoin("leg", "effect_goal"))
        .append(labelJoin("llt", "life_theme"))
        .append(labelJoin("lgt", "goal_type"))
        // stored in slice order, so that readers of one slice touch few blocks
        .append("ORDER BY k.period, k.via, k.org_unit");
    return sql.toString();
  }

  /** The period columns of issue 11 ("complete periods only") that the datasets carry. */
  private static Map<String, String> periodColumns(String dimPeriod) {
    Map<String, String> c = new LinkedHashMap<>();
    for (String column :
        List.of("period_complete", "period_label", "period_plot_date", "period_ends_year")) {
      c.put(column, dimPeriod + "." + column);
    }
    return c;
  }

  private static String label(String code, String alias, String all) {
    return "CASE WHEN %1$s = '*' THEN '%3$s' ELSE COALESCE(%2$s.label_da, %1$s) END"
        .formatted(code, alias, all);
  }

  private static String labelJoin(String alias, String dimension) {
    return "LEFT JOIN catalogue_label %1$s ON %1$s.dimension = '%2$s' AND %1$s.code = k.%2$s\n"
        .formatted(alias, dimension);
  }

  /** One row per counted follow-up per quarter, pseudonymised. */
  public static String goalFollowups() {
    return """
        WITH periods AS (
          SELECT period AS period_key, p_start, p_end FROM %1$s WHERE period_kind = 'quarter'
        ),
        counted AS (
        %2$s
        )
        SELECT cf.period_key AS period, dp.p_start AS period_start, dp.period_year,
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
        FROM counted cf
        JOIN goal g ON g.goal_id = cf.goal_id
        JOIN %1$s dp ON dp.period = cf.period_key
        JOIN %3$s a ON a.unit_id = g.authority_unit_id
        LEFT JOIN %3$s p ON p.unit_id = g.provider_unit_id"""
        .formatted(PERIOD_TABLE, AttainmentSql.countedFollowUps("periods"), ORG_TABLE);
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
