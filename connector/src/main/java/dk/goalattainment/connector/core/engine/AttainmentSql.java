package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metric engine: builds the SQL that computes a report inside the database, by the rules of
 * domain.md §3.
 *
 * <ul>
 *   <li>A follow-up belongs to the period holding its date; per goal and period only the latest
 *       counts (by {@code followup_date}, then by {@code followup_id}, both descending).
 *   <li>met = score ≥ target; progress = score > baseline; distance = score − baseline.
 *   <li>A goal counts at its unit (authority or provider, by {@code via}) and every ancestor, via
 *       the {@code org_closure} table; citizens are counted distinct within each group, never
 *       summed. Closed units are in the closure like any other.
 *   <li>goal_attainment_avg is the mean over citizens of each citizen's met ÷ followed-up goals
 *       within the group; its interval is mean ± 1.96·s/√N clipped to [0, 1], none when N < 2.
 *   <li>Shares carry a 95 % Wilson score interval (z = 1.96) with n = the denominator.
 *   <li>The follow-up compliance figures count goals by due date, with or without follow-ups.
 *   <li>Changes compare with the previous period of the same kind and the same period a year
 *       earlier: percentage points for shares and means, differences for counts and distance.
 * </ul>
 *
 * <p>It reads the tables {@code goal}, {@code followup}, {@code org_unit}, {@code org_closure} and
 * {@code catalogue_label}.
 */
public final class AttainmentSql {
  /** The z value of a 95 % interval. */
  public static final double Z = 1.96;

  private static final String Z_SQUARED = "3.8416";
  private static final String Z_SQUARED_HALF = "1.9208";
  private static final String Z_SQUARED_QUARTER = "0.9604";

  /** Citizens below this count flag a slice {@code low_n}. */
  public static final int LOW_N_BELOW = 20;

  private AttainmentSql() {}

  /** The SQL of a report; its result columns are {@link ReportColumn}'s ids, in order. */
  public static BoundSql report(ReportRequest r, SqlSyntax syntax) {
    String d = syntax.doubleType();
    List<Object> params = new ArrayList<>();
    Period cur = r.period();
    Grouping grouping = r.grouping();
    String unitColumn = "g." + r.via().goalColumn();

    StringBuilder sql = new StringBuilder();
    sql.append("WITH periods(role, p_start, p_end) AS (VALUES ")
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
    String filterSql = filterSql(r.filters(), params);

    // The counted follow-ups: the latest per goal and period.
    sql.append("facts AS (\n  SELECT * FROM (\n    SELECT p.role, ")
        .append(groupExpr)
        .append(
            """
             AS grp, g.citizen_key, g.goal_type, g.target_score, g.baseline_score, f.score,
                  ROW_NUMBER() OVER (PARTITION BY p.role, f.goal_id
                                     ORDER BY f.followup_date DESC, f.followup_id DESC) AS rn
                FROM followup f
                JOIN periods p ON f.followup_date BETWEEN p.p_start AND p.p_end
                JOIN goal g ON g.goal_id = f.goal_id
                JOIN scope s ON s.unit_id = \
            """)
        .append(unitColumn)
        .append("\n    WHERE 1 = 1")
        .append(filterSql)
        .append("\n  ) x WHERE rn = 1\n),\n");

    sql.append(
        """
        per_citizen AS (
          SELECT role, grp, citizen_key, COUNT(*) AS n,
                 SUM(CASE WHEN score >= target_score THEN 1 ELSE 0 END) AS m
          FROM facts GROUP BY role, grp, citizen_key
        ),
        cit AS (
          SELECT role, grp, COUNT(*) AS citizens,
                 AVG(CAST(m AS %1$s) / n) AS att_avg,
                 STDDEV_SAMP(CAST(m AS %1$s) / n) AS att_sd
          FROM per_citizen GROUP BY role, grp
        ),
        gl AS (
          SELECT role, grp, COUNT(*) AS fu,
                 SUM(CASE WHEN score >= target_score THEN 1 ELSE 0 END) AS met,
                 SUM(CASE WHEN score > baseline_score THEN 1 ELSE 0 END) AS prog,
                 AVG(CAST(score - baseline_score AS %1$s)) AS dist,
        %2$s
          FROM facts GROUP BY role, grp
        ),
        agg AS (
          SELECT gl.*, cit.citizens, cit.att_avg, cit.att_sd
          FROM gl JOIN cit ON cit.role = gl.role AND cit.grp = gl.grp
        ),
        """
            .formatted(d, goalTypeSums()));

    // Follow-up compliance: goals by due date in the current period.
    LocalDate start = cur.start();
    LocalDate end = cur.end();
    String dueFilters = filterSql(r.filters(), params);
    sql.append("due AS (\n  SELECT ")
        .append(groupExpr)
        .append(" AS grp, COUNT(*) AS goals_due,\n")
        .append("    SUM(CASE WHEN ff.first_date <= g.due_date THEN 1 ELSE 0 END) AS on_time,\n")
        .append("    SUM(CASE WHEN ff.first_date IS NULL OR ff.first_date > ")
        .append(date(end))
        .append(" THEN 1 ELSE 0 END) AS overdue\n")
        .append("  FROM goal g JOIN scope s ON s.unit_id = ")
        .append(unitColumn)
        .append(
            "\n  LEFT JOIN (SELECT goal_id, MIN(followup_date) AS first_date FROM followup"
                + " GROUP BY goal_id) ff ON ff.goal_id = g.goal_id\n")
        .append("  WHERE g.due_date BETWEEN ")
        .append(date(start))
        .append(" AND ")
        .append(date(end))
        .append(dueFilters)
        // By position: the group may be the constant '*', which PostgreSQL refuses by value.
        .append("\n  GROUP BY 1")
        .append("\n)\n");

    params.add(r.orgUnitId()); // the org_unit column of the select list
    sql.append("SELECT\n")
        .append(selectList(r, d))
        .append("FROM agg c\n")
        .append("LEFT JOIN agg pv ON pv.role = 'prev' AND pv.grp = c.grp\n")
        .append("LEFT JOIN agg yy ON yy.role = 'yoy' AND yy.grp = c.grp\n")
        .append("LEFT JOIN due dd ON dd.grp = c.grp\n")
        .append(labelJoin(grouping))
        .append("WHERE c.role = 'cur'\nORDER BY c.grp");
    return new BoundSql(sql.toString(), params);
  }

  private static String periodRow(String role, Period p) {
    return "('" + role + "', " + date(p.start()) + ", " + date(p.end()) + ")";
  }

  /** A date literal; the value is a {@link LocalDate}, never user text. */
  static String date(LocalDate day) {
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

  private static final String[] GOAL_TYPES = {"progression", "maintenance", "limited_decline"};

  private static String goalTypeSums() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < GOAL_TYPES.length; i++) {
      String t = GOAL_TYPES[i];
      sb.append("         SUM(CASE WHEN goal_type = '")
          .append(t)
          .append("' AND score >= target_score THEN 1 ELSE 0 END) AS ")
          .append(t)
          .append("_met,\n");
      sb.append("         SUM(CASE WHEN goal_type = '")
          .append(t)
          .append("' AND score < target_score THEN 1 ELSE 0 END) AS ")
          .append(t)
          .append("_unmet");
      sb.append(i < GOAL_TYPES.length - 1 ? ",\n" : "");
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
      case ORG_CHILD ->
          "lu.name || CASE WHEN lu.valid_to IS NOT NULL AND lu.valid_to < "
              + date(r.period().end())
              + " THEN ' (afsluttet)' ELSE '' END";
      default -> "COALESCE(lb.label_da, c.grp)";
    };
  }

  private static String selectList(ReportRequest r, String d) {
    List<String> cols = new ArrayList<>();
    String fu = "CAST(c.fu AS " + d + ")";
    cols.add("c.grp AS \"group\"");
    cols.add("c.citizens AS citizens");
    cols.add("c.att_avg AS goal_attainment_avg");
    cols.add("c.fu AS goals_followed_up");
    cols.add("c.met AS goals_met");
    cols.add("CAST(c.met AS " + d + ") / c.fu AS goals_met_share");
    cols.add("CAST(c.prog AS " + d + ") / c.fu AS progress_share");
    cols.add("c.dist AS distance_avg");
    cols.add(
        "CASE WHEN c.citizens >= 2 THEN GREATEST(0.0, c.att_avg - "
            + Z
            + " * c.att_sd / SQRT(CAST(c.citizens AS "
            + d
            + "))) END AS goal_attainment_ci_low");
    cols.add(
        "CASE WHEN c.citizens >= 2 THEN LEAST(1.0, c.att_avg + "
            + Z
            + " * c.att_sd / SQRT(CAST(c.citizens AS "
            + d
            + "))) END AS goal_attainment_ci_high");
    cols.add("c.citizens < " + LOW_N_BELOW + " AS low_n");
    cols.add(labelExpression(r) + " AS group_label");
    cols.add(wilson("c.met", "c.fu", false, d) + " AS goals_met_share_ci_low");
    cols.add(wilson("c.met", "c.fu", true, d) + " AS goals_met_share_ci_high");
    cols.add(wilson("c.prog", "c.fu", false, d) + " AS progress_share_ci_low");
    cols.add(wilson("c.prog", "c.fu", true, d) + " AS progress_share_ci_high");
    cols.add("c.att_sd AS goal_attainment_sd");
    for (String t : GOAL_TYPES) {
      cols.add("CAST(c." + t + "_met AS " + d + ") / " + fu + " AS " + t + "_met_share");
      cols.add("CAST(c." + t + "_unmet AS " + d + ") / " + fu + " AS " + t + "_unmet_share");
    }
    cols.add("dd.goals_due AS goals_due");
    cols.add(
        "CASE WHEN dd.goals_due > 0 THEN CAST(dd.on_time AS "
            + d
            + ") / dd.goals_due END AS followup_on_time_share");
    cols.add(wilson("dd.on_time", "dd.goals_due", false, d) + " AS followup_on_time_ci_low");
    cols.add(wilson("dd.on_time", "dd.goals_due", true, d) + " AS followup_on_time_ci_high");
    cols.add("dd.overdue AS followups_overdue");
    for (String[] other : new String[][] {{"pv", "prev"}, {"yy", "yoy"}}) {
      String o = other[0];
      String suffix = "_change_" + other[1];
      cols.add("c.citizens - " + o + ".citizens AS citizens" + suffix);
      cols.add("(c.att_avg - " + o + ".att_avg) * 100 AS goal_attainment_avg" + suffix);
      cols.add("c.fu - " + o + ".fu AS goals_followed_up" + suffix);
      cols.add("c.met - " + o + ".met AS goals_met" + suffix);
      cols.add(
          "(CAST(c.met AS "
              + d
              + ") / c.fu - CAST("
              + o
              + ".met AS "
              + d
              + ") / "
              + o
              + ".fu) * 100 AS goals_met_share"
              + suffix);
      cols.add(
          "(CAST(c.prog AS "
              + d
              + ") / c.fu - CAST("
              + o
              + ".prog AS "
              + d
              + ") / "
              + o
              + ".fu) * 100 AS progress_share"
              + suffix);
      cols.add("c.dist - " + o + ".dist AS distance_avg" + suffix);
    }
    cols.add("'" + r.period().code() + "' AS period");
    cols.add("CAST(? AS VARCHAR) AS org_unit");
    cols.add("'" + r.via().code() + "' AS via");
    cols.add("'" + r.grouping().code() + "' AS grouping");
    return "  " + String.join(",\n  ", cols) + "\n";
  }

  /**
   * The Wilson score interval bound for k successes of n, clipped to [0, 1]; null when n = 0.
   * centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
   */
  static String wilson(String k, String n, boolean high, String d) {
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
