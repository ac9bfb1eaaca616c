package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric engine: the SQL that computes the contract's figures inside the database, by the rules
 * of domain.md §3. The live report ({@link #report}) and the materialised datasets ({@link
 * DatasetSql}) are built from the same fragments, so every figure has one definition:
 *
 * <ol>
 *   <li>{@link #countedFollowUps}: a follow-up belongs to the period holding its date; per goal and
 *       period only the latest counts (by {@code followup_date}, then by {@code followup_id}, both
 *       descending).
 *   <li>{@link #perCitizenSums}: per citizen within a slice, goals followed up {@code n}, met
 *       {@code m} (score ≥ target), with progress {@code p} (score > baseline), summed distance
 *       {@code d} (score − baseline), met and unmet per goal type.
 *   <li>{@link #perSliceAggregates}: per slice, citizens (distinct, never summed), the mean and
 *       sample standard deviation of m ÷ n over citizens, and the sums.
 *   <li>{@link #figures}: the published figures: shares, means, 95 % intervals (Wilson for shares;
 *       mean ± 1.96·s/√N clipped to [0, 1] for goal_attainment_avg, none when N < 2), low_n.
 *   <li>{@link #changes}: against the previous period of the same kind and the same period a year
 *       earlier: percentage points for shares and means, differences for counts and distance.
 *   <li>{@link #complianceSums}: goals by due date in the period: on time when a follow-up is dated
 *       on or before the due date, overdue when none is dated on or before the period's last day.
 * </ol>
 *
 * <p>A goal counts at its unit (authority or provider, by {@code via}) and every ancestor through
 * {@code org_closure}; closed units are in the closure like any other. User text never enters the
 * SQL text: org ids and filter codes are bound parameters.
 */
public final class AttainmentSql {
  /** The z value of a 95 % interval. */
  public static final double Z = 1.96;

  private static final String Z_SQUARED = "3.8416";
  private static final String Z_SQUARED_HALF = "1.9208";
  private static final String Z_SQUARED_QUARTER = "0.9604";

  /** Citizens below this count flag a slice {@code low_n}. */
  public static final int LOW_N_BELOW = 20;

  /** The goal types, in report order. */
  public static final List<String> GOAL_TYPES =
      List.of("progression", "maintenance", "limited_decline");

  private AttainmentSql() {}

  /**
   * The counted follow-ups: columns {@code period_key, goal_id, score}, one row per goal and period
   * that holds a follow-up of it.
   *
   * @param periods a relation with columns {@code period_key, p_start, p_end}
   */
  public static String countedFollowUps(String periods) {
    return """
        SELECT period_key, goal_id, followup_id, followup_date, score FROM (
          SELECT p.period_key, f.goal_id, f.followup_id, f.followup_date, f.score,
                 ROW_NUMBER() OVER (PARTITION BY p.period_key, f.goal_id
                                    ORDER BY f.followup_date DESC, f.followup_id DESC) AS rn
          FROM followup f JOIN %s p ON f.followup_date BETWEEN p.p_start AND p.p_end
        ) ranked WHERE rn = 1"""
        .formatted(periods);
  }

  /**
   * Per citizen sums over counted facts.
   *
   * @param facts a relation with the key columns and {@code citizen_key, goal_type, score,
   *     target_score, baseline_score}, one row per counted follow-up
   * @param keys the key columns to select (after grouping)
   * @param groupBy the GROUP BY list, which must include {@code citizen_key}
   */
  public static String perCitizenSums(String facts, String keys, String groupBy) {
    StringBuilder types = new StringBuilder();
    for (String t : GOAL_TYPES) {
      types
          .append(",\n       SUM(CASE WHEN goal_type = '")
          .append(t)
          .append("' AND score >= target_score THEN 1 ELSE 0 END) AS ")
          .append(t)
          .append("_met")
          .append(",\n       SUM(CASE WHEN goal_type = '")
          .append(t)
          .append("' AND score < target_score THEN 1 ELSE 0 END) AS ")
          .append(t)
          .append("_unmet");
    }
    return "SELECT "
        + keys
        + ", citizen_key, COUNT(*) AS n,\n"
        + "       SUM(CASE WHEN score >= target_score THEN 1 ELSE 0 END) AS m,\n"
        + "       SUM(CASE WHEN score > baseline_score THEN 1 ELSE 0 END) AS p,\n"
        + "       SUM(score - baseline_score) AS d"
        + types
        + "\nFROM "
        + facts
        + "\nGROUP BY "
        + groupBy;
  }

  /**
   * Per slice aggregates of {@link #perCitizenSums}: {@code citizens, att_avg, att_sd, fu, met,
   * prog, dist, dsum, <type>_met, <type>_unmet}.
   */
  public static String perSliceAggregates(String perCitizen, String keys, SqlSyntax syntax) {
    String d = syntax.doubleType();
    StringBuilder types = new StringBuilder();
    for (String t : GOAL_TYPES) {
      types
          .append(",\n       CAST(SUM(")
          .append(t)
          .append("_met) AS BIGINT) AS ")
          .append(t)
          .append("_met, CAST(SUM(")
          .append(t)
          .append("_unmet) AS BIGINT) AS ")
          .append(t)
          .append("_unmet");
    }
    return ("SELECT %1$s, COUNT(*) AS citizens,\n"
            + "       AVG(CAST(m AS %2$s) / n) AS att_avg,\n"
            + "       STDDEV_SAMP(CAST(m AS %2$s) / n) AS att_sd,\n"
            + "       CAST(SUM(n) AS BIGINT) AS fu, CAST(SUM(m) AS BIGINT) AS met,"
            + " CAST(SUM(p) AS BIGINT) AS prog,\n"
            + "       CAST(SUM(d) AS %2$s) / SUM(n) AS dist, CAST(SUM(d) AS BIGINT) AS dsum%3$s\n"
            + "FROM %4$s\nGROUP BY %1$s")
        .formatted(keys, d, types, perCitizen);
  }

  /**
   * Compliance sums over goals by due date: {@code goals_due, on_time, overdue}.
   *
   * @param dueDate SQL expression of the goal's due date
   * @param firstDate SQL expression of the goal's earliest follow-up date (null if none)
   * @param periodEnd SQL expression of the period's last day
   */
  public static String complianceSums(String dueDate, String firstDate, String periodEnd) {
    return ("COUNT(*) AS goals_due,\n"
            + "       CAST(SUM(CASE WHEN %2$s <= %1$s THEN 1 ELSE 0 END) AS BIGINT) AS on_time,\n"
            + "       CAST(SUM(CASE WHEN %2$s IS NULL OR %2$s > %3$s THEN 1 ELSE 0 END) AS BIGINT)"
            + " AS overdue")
        .formatted(dueDate, firstDate, periodEnd);
  }

  /** The earliest follow-up date of every goal: {@code (goal_id, first_date)}. */
  public static final String FIRST_FOLLOWUP =
      "(SELECT goal_id, MIN(followup_date) AS first_date FROM followup GROUP BY goal_id)";

  /**
   * The published figures over aggregate alias {@code c} (from {@link #perSliceAggregates}) and
   * compliance alias {@code dd} (from {@link #complianceSums}), by output column name.
   */
  public static Map<String, String> figures(String c, String dd, SqlSyntax syntax) {
    String d = syntax.doubleType();
    String fu = "CAST(" + c + ".fu AS " + d + ")";
    String sqrtN = "SQRT(CAST(" + c + ".citizens AS " + d + "))";
    Map<String, String> f = new LinkedHashMap<>();
    f.put("citizens", c + ".citizens");
    f.put("goal_attainment_avg", c + ".att_avg");
    f.put("goals_followed_up", c + ".fu");
    f.put("goals_met", c + ".met");
    f.put("goals_unmet", c + ".fu - " + c + ".met");
    f.put("goals_met_share", "CAST(" + c + ".met AS " + d + ") / " + fu);
    f.put("progress_share", "CAST(" + c + ".prog AS " + d + ") / " + fu);
    f.put("distance_avg", c + ".dist");
    f.put(
        "goal_attainment_ci_low",
        "CASE WHEN %1$s.citizens >= 2 THEN GREATEST(0.0, %1$s.att_avg - %2$s * %1$s.att_sd / %3$s) END"
            .formatted(c, Z, sqrtN));
    f.put(
        "goal_attainment_ci_high",
        "CASE WHEN %1$s.citizens >= 2 THEN LEAST(1.0, %1$s.att_avg + %2$s * %1$s.att_sd / %3$s) END"
            .formatted(c, Z, sqrtN));
    f.put("low_n", c + ".citizens < " + LOW_N_BELOW);
    f.put("goals_met_share_ci_low", wilson(c + ".met", c + ".fu", false, d));
    f.put("goals_met_share_ci_high", wilson(c + ".met", c + ".fu", true, d));
    f.put("progress_share_ci_low", wilson(c + ".prog", c + ".fu", false, d));
    f.put("progress_share_ci_high", wilson(c + ".prog", c + ".fu", true, d));
    f.put("goal_attainment_sd", c + ".att_sd");
    for (String t : GOAL_TYPES) {
      f.put(t + "_met_share", "CAST(" + c + "." + t + "_met AS " + d + ") / " + fu);
      f.put(t + "_unmet_share", "CAST(" + c + "." + t + "_unmet AS " + d + ") / " + fu);
    }
    f.put("goals_due", dd + ".goals_due");
    f.put(
        "followup_on_time_share",
        "CASE WHEN %1$s.goals_due > 0 THEN CAST(%1$s.on_time AS %2$s) / %1$s.goals_due END"
            .formatted(dd, d));
    f.put("followup_on_time_ci_low", wilson(dd + ".on_time", dd + ".goals_due", false, d));
    f.put("followup_on_time_ci_high", wilson(dd + ".on_time", dd + ".goals_due", true, d));
    f.put("followups_overdue", dd + ".overdue");
    return f;
  }

  /**
   * Changes of alias {@code c} against alias {@code o} (same aggregates), by output column name
   * with the given suffix ({@code _change_prev}, {@code _change_yoy}).
   */
  public static Map<String, String> changes(String c, String o, String suffix, SqlSyntax syntax) {
    String d = syntax.doubleType();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("citizens" + suffix, c + ".citizens - " + o + ".citizens");
    f.put("goal_attainment_avg" + suffix, "(" + c + ".att_avg - " + o + ".att_avg) * 100");
    f.put("goals_followed_up" + suffix, c + ".fu - " + o + ".fu");
    f.put("goals_met" + suffix, c + ".met - " + o + ".met");
    f.put(
        "goals_met_share" + suffix,
        "(CAST(%1$s.met AS %3$s) / %1$s.fu - CAST(%2$s.met AS %3$s) / %2$s.fu) * 100"
            .formatted(c, o, d));
    f.put(
        "progress_share" + suffix,
        "(CAST(%1$s.prog AS %3$s) / %1$s.fu - CAST(%2$s.prog AS %3$s) / %2$s.fu) * 100"
            .formatted(c, o, d));
    f.put("distance_avg" + suffix, c + ".dist - " + o + ".dist");
    return f;
  }

  /** The SQL of a report; its result columns are {@link ReportColumn}'s ids, in order. */
  public static BoundSql report(ReportRequest r, SqlSyntax syntax) {
    List<Object> params = new ArrayList<>();
    Period cur = r.period();
    Grouping grouping = r.grouping();
    String unitColumn = "g." + r.via().goalColumn();

    StringBuilder sql = new StringBuilder();
    sql.append("WITH periods(period_key, p_start, p_end) AS (VALUES ")
        .append(periodRow("cur", cur))
        .append(", ")
        .append(periodRow("prev", cur.previous()))
        .append(", ")
        .append(periodRow("yoy", cur.yearEarlier()))
        .append("),\n");

    // The units of the slice; for org_child also the child of the node each one lies under.
    if (grouping == Grouping.ORG_CHILD) {
      sql.append(
          """
          scope AS (
            SELECT c.descendant_id AS unit_id, u.unit_id AS child_id
            FROM org_unit u JOIN org_closure c ON c.ancestor_id = u.unit_id
            WHERE u.parent_id = ?
          ),
          """);
    } else {
      sql.append(
          """
          scope AS (
            SELECT c.descendant_id AS unit_id FROM org_closure c WHERE c.ancestor_id = ?
          ),
          """);
    }
    params.add(r.orgUnitId());
    String groupExpr = groupExpression(grouping);

    sql.append("counted AS (\n").append(countedFollowUps("periods")).append("\n),\n");
    sql.append("facts AS (\n  SELECT cf.period_key, ")
        .append(groupExpr)
        .append(
            " AS grp, g.citizen_key, g.goal_type, g.target_score, g.baseline_score, cf.score\n"
                + "  FROM counted cf JOIN goal g ON g.goal_id = cf.goal_id\n"
                + "  JOIN scope s ON s.unit_id = ")
        .append(unitColumn)
        .append("\n  WHERE 1 = 1")
        .append(filterSql(r.filters(), params))
        .append("\n),\n");
    sql.append("per_citizen AS (\n")
        .append(perCitizenSums("facts", "period_key, grp", "period_key, grp, citizen_key"))
        .append("\n),\n");
    sql.append("agg AS (\n")
        .append(perSliceAggregates("per_citizen", "period_key, grp", syntax))
        .append("\n),\n");

    // Follow-up compliance: goals by due date in the current period.
    LocalDate start = cur.start();
    LocalDate end = cur.end();
    sql.append("due AS (\n  SELECT ")
        .append(groupExpr)
        .append(" AS grp, ")
        .append(complianceSums("g.due_date", "ff.first_date", date(end)))
        .append("\n  FROM goal g JOIN scope s ON s.unit_id = ")
        .append(unitColumn)
        .append("\n  LEFT JOIN ")
        .append(FIRST_FOLLOWUP)
        .append(" ff ON ff.goal_id = g.goal_id\n  WHERE g.due_date BETWEEN ")
        .append(date(start))
        .append(" AND ")
        .append(date(end))
        .append(filterSql(r.filters(), params))
        // By position: the group may be the constant '*', which PostgreSQL refuses by value.
        .append("\n  GROUP BY 1")
        .append("\n)\n");

    Map<String, String> expressions = new LinkedHashMap<>();
    expressions.put("group", "c.grp");
    expressions.put("group_label", labelExpression(r));
    expressions.putAll(figures("c", "dd", syntax));
    expressions.putAll(changes("c", "pv", "_change_prev", syntax));
    expressions.putAll(changes("c", "yy", "_change_yoy", syntax));
    expressions.put("period", "'" + r.period().code() + "'");
    expressions.put("org_unit", "CAST(? AS VARCHAR)");
    expressions.put("via", "'" + r.via().code() + "'");
    expressions.put("grouping", "'" + r.grouping().code() + "'");
    params.add(r.orgUnitId()); // the org_unit column of the select list
    List<String> select = new ArrayList<>();
    for (ReportColumn column : ReportColumn.values()) {
      String expression = expressions.get(column.id());
      if (expression == null) {
        throw new IllegalStateException("no expression for report column " + column.id());
      }
      select.add(expression + " AS \"" + column.id() + "\"");
    }
    sql.append("SELECT\n  ")
        .append(String.join(",\n  ", select))
        .append("\nFROM agg c\n")
        .append("LEFT JOIN agg pv ON pv.period_key = 'prev' AND pv.grp = c.grp\n")
        .append("LEFT JOIN agg yy ON yy.period_key = 'yoy' AND yy.grp = c.grp\n")
        .append("LEFT JOIN due dd ON dd.grp = c.grp\n")
        .append(labelJoin(grouping))
        .append("WHERE c.period_key = 'cur'\nORDER BY c.grp");
    return new BoundSql(sql.toString(), params);
  }

  private static String periodRow(String key, Period p) {
    return "('" + key + "', " + date(p.start()) + ", " + date(p.end()) + ")";
  }

  /** A date literal; the value is a {@link LocalDate}, never user text. */
  public static String date(LocalDate day) {
    return "DATE '" + day + "'";
  }

  private static String groupExpression(Grouping grouping) {
    return switch (grouping) {
      case NONE -> "'*'";
      case ORG_CHILD -> "s.child_id";
      default -> "g." + grouping.goalColumn();
    };
  }

  private static String filterSql(Filters filters, List<Object> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> f : filters.byColumn().entrySet()) {
      sb.append(" AND g.").append(f.getKey()).append(" = ?");
      params.add(f.getValue());
    }
    return sb.toString();
  }

  private static String labelJoin(Grouping grouping) {
    return switch (grouping) {
      case NONE -> "";
      case ORG_CHILD -> "LEFT JOIN org_unit lu ON lu.unit_id = c.grp\n";
      default ->
          "LEFT JOIN catalogue_label lb ON lb.dimension = '"
              + grouping.goalColumn()
              + "' AND lb.code = c.grp\n";
    };
  }

  private static String labelExpression(ReportRequest r) {
    return switch (r.grouping()) {
      case NONE -> "'I alt'";
      case ORG_CHILD -> closedLabel("lu", date(r.period().end()));
      default -> "COALESCE(lb.label_da, c.grp)";
    };
  }

  /**
   * An org unit's name, with " (afsluttet)" when it closed before the period's last day.
   *
   * @param unit alias of an {@code org_unit} row
   * @param periodEnd SQL expression of the period's last day
   */
  public static String closedLabel(String unit, String periodEnd) {
    return "%1$s.name || CASE WHEN %1$s.valid_to IS NOT NULL AND %1$s.valid_to < %2$s THEN ' (afsluttet)' ELSE '' END"
        .formatted(unit, periodEnd);
  }

  /**
   * The Wilson score interval bound for k successes of n, clipped to [0, 1]; null when n = 0.
   * centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
   */
  public static String wilson(String k, String n, boolean high, String d) {
    String nd = "CAST(" + n + " AS " + d + ")";
    String p = "(CAST(" + k + " AS " + d + ") / " + nd + ")";
    String centre = "(" + p + " + " + Z_SQUARED_HALF + " / " + nd + ")";
    String half =
        Z
            + " * SQRT("
            + p
            + " * (1 - "
            + p
            + ") / "
            + nd
            + " + "
            + Z_SQUARED_QUARTER
            + " / ("
            + nd
            + " * "
            + nd
            + "))";
    String bound =
        "(" + centre + (high ? " + " : " - ") + half + ") / (1 + " + Z_SQUARED + " / " + nd + ")";
    return "CASE WHEN "
        + n
        + " > 0 THEN "
        + (high ? "LEAST(1.0, " : "GREATEST(0.0, ")
        + bound
        + ") END";
  }
}
