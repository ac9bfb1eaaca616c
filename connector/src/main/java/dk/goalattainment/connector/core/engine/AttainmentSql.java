package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.semantic.Figure;
import dk.goalattainment.connector.core.semantic.Figures;
import dk.goalattainment.connector.core.semantic.FixedPoint;
import dk.goalattainment.connector.core.semantic.Measure;
import dk.goalattainment.connector.core.semantic.MeasureRefs;
import dk.goalattainment.connector.core.semantic.SqlSyntax;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric engine: the SQL that computes the contract's figures inside the database, by the rules
 * of domain.md §3. The live report ({@link #report}) and the materialised cube ({@link CubeSql})
 * compute the same measures and render the same figures, so every figure has one definition:
 *
 * <ol>
 *   <li>{@link #countedFollowUps}: a follow-up belongs to the period holding its date; per goal and
 *       period only the latest counts (by {@code followup_date}, then by {@code followup_id}, both
 *       descending).
 *   <li>{@link #perCitizenSums}: per citizen within a slice, goals followed up {@code n}, met
 *       {@code m} (score ≥ target), with progress {@code p} (score > baseline), summed distance
 *       {@code d} (score − baseline), met and unmet per goal type.
 *   <li>{@link #perGroupMeasures}: per group the additive measures ({@link Measure}) as exact
 *       integer sums, each citizen's share m ÷ n held as a fixed-point integer ({@link
 *       FixedPoint}).
 *   <li>The published figures and their changes against the previous period and the same period a
 *       year earlier, rendered from {@link Figures} over those measures (the cube renders the same
 *       figures over the same measures, so both give the same bytes).
 *   <li>{@link #complianceSums}: goals by due date in the period: on time when a follow-up is dated
 *       on or before the due date, overdue when none is dated on or before the period's last day.
 * </ol>
 *
 * <p>A goal counts at its unit (authority or provider, by {@code via}) and every ancestor through
 * {@code org_closure}; closed units are in the closure like any other. User text never enters the
 * SQL text: org ids and filter codes are bound parameters.
 */
public final class AttainmentSql {
  /** The goal types, in report order. */
  public static final List<String> GOAL_TYPES =
      List.of("progression", "maintenance", "limited_decline");

  private AttainmentSql() {}

  /**
   * The counted follow-ups: columns {@code period_key, goal_id, followup_id, followup_date, score},
   * one row per goal and period that holds a follow-up of it.
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
   * Per citizen within a group: goals followed up {@code n}, met {@code m}, with progress {@code
   * p}, summed distance {@code d}, met and unmet per goal type.
   */
  static String perCitizenSums(String facts, String keys) {
    StringBuilder types = new StringBuilder();
    for (String t : GOAL_TYPES) {
      types
          .append(",\n       CAST(SUM(CASE WHEN goal_type = '")
          .append(t)
          .append("' AND score >= target_score THEN 1 ELSE 0 END) AS BIGINT) AS ")
          .append(t)
          .append("_met")
          .append(",\n       CAST(SUM(CASE WHEN goal_type = '")
          .append(t)
          .append("' AND score < target_score THEN 1 ELSE 0 END) AS BIGINT) AS ")
          .append(t)
          .append("_unmet");
    }
    return "SELECT "
        + keys
        + ", citizen_key, COUNT(*) AS n,\n"
        + "       CAST(SUM(CASE WHEN score >= target_score THEN 1 ELSE 0 END) AS BIGINT) AS m,\n"
        + "       CAST(SUM(CASE WHEN score > baseline_score THEN 1 ELSE 0 END) AS BIGINT) AS p,\n"
        + "       CAST(SUM(score - baseline_score) AS BIGINT) AS d"
        + types
        + "\nFROM "
        + facts
        + "\nGROUP BY "
        + keys
        + ", citizen_key";
  }

  /**
   * Per group the follow-up measures ({@link Measure}) as exact integer sums over the per-citizen
   * rows: each citizen's share m ÷ n as a fixed-point integer ({@link FixedPoint}).
   */
  static String perGroupMeasures(String perCitizen, String keys, SqlSyntax syntax) {
    String x = FixedPoint.citizenShare("m", "n", syntax);
    StringBuilder sql = new StringBuilder("SELECT ").append(keys);
    sql.append(", COUNT(*) AS ").append(Measure.CITIZENS.column());
    sql.append(", CAST(SUM(").append(x).append(") AS BIGINT) AS ");
    sql.append(Measure.ATTAINMENT_SHARE_SUM.column());
    sql.append(",\n       CAST(SUM(CAST(").append(x).append(" AS BIGINT) * CAST(").append(x);
    sql.append(" AS BIGINT)) AS BIGINT) AS ").append(Measure.ATTAINMENT_SHARE_SQ_SUM.column());
    Map<Measure, String> sums = new LinkedHashMap<>();
    sums.put(Measure.GOALS_FOLLOWED_UP, "n");
    sums.put(Measure.GOALS_MET, "m");
    sums.put(Measure.GOALS_WITH_PROGRESS, "p");
    sums.put(Measure.DISTANCE_SUM, "d");
    for (String t : GOAL_TYPES) {
      sums.put(Measure.valueOf(t.toUpperCase(java.util.Locale.ROOT) + "_MET"), t + "_met");
      sums.put(Measure.valueOf(t.toUpperCase(java.util.Locale.ROOT) + "_UNMET"), t + "_unmet");
    }
    sums.forEach(
        (m, column) ->
            sql.append(",\n       CAST(SUM(")
                .append(column)
                .append(") AS BIGINT) AS ")
                .append(m.column()));
    return sql.append("\nFROM ").append(perCitizen).append("\nGROUP BY ").append(keys).toString();
  }

  /**
   * Compliance sums over goals by due date: the measures {@code goals_due, followups_on_time,
   * followups_overdue}.
   *
   * @param dueDate SQL expression of the goal's due date
   * @param firstDate SQL expression of the goal's earliest follow-up date (null if none)
   * @param periodEnd SQL expression of the period's last day
   */
  static String complianceSums(String dueDate, String firstDate, String periodEnd) {
    return ("COUNT(*) AS goals_due,\n"
            + "       CAST(SUM(CASE WHEN %2$s <= %1$s THEN 1 ELSE 0 END) AS BIGINT)"
            + " AS followups_on_time,\n"
            + "       CAST(SUM(CASE WHEN %2$s IS NULL OR %2$s > %3$s THEN 1 ELSE 0 END) AS BIGINT)"
            + " AS followups_overdue")
        .formatted(dueDate, firstDate, periodEnd);
  }

  /** The earliest follow-up date of every goal: {@code (goal_id, first_date)}. */
  public static final String FIRST_FOLLOWUP =
      "(SELECT goal_id, MIN(followup_date) AS first_date FROM followup GROUP BY goal_id)";

  /**
   * The measures of a slice: follow-up measures from alias {@code c}, compliance from {@code dd}.
   */
  static MeasureRefs refs(String c, String dd) {
    return m -> (m.side() == Measure.Side.FOLLOW_UPS ? c : dd) + "." + m.column();
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
        .append(perCitizenSums("facts", "period_key, grp"))
        .append("\n),\n");
    sql.append("agg AS (\n")
        .append(perGroupMeasures("per_citizen", "period_key, grp", syntax))
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
        .append("\n)");

    sql.append(figuresAndSelect(r, syntax, params));
    return new BoundSql(sql.toString(), params);
  }

  /**
   * The report's last steps: each period's figures once ({@code fig}), then the select list of
   * every {@link ReportColumn} in order, with the changes against the earlier periods; adds the
   * select list's parameters to {@code params}.
   */
  private static String figuresAndSelect(ReportRequest r, SqlSyntax syntax, List<Object> params) {
    StringBuilder sql = new StringBuilder();
    Grouping grouping = r.grouping();
    // The follow-up figures of each period once; the changes compare those values.
    List<Figure> followUpFigures = Figures.REPORTED.stream().filter(Figures::onFollowUps).toList();
    sql.append(",\nfig AS (\n  SELECT a.period_key, a.grp");
    Figures.columns(followUpFigures, MeasureRefs.columnsOf("a"), syntax)
        .forEach((name, e) -> sql.append(",\n    ").append(e).append(" AS ").append(name));
    sql.append("\n  FROM agg a\n)\n");
    Map<String, String> expressions = new LinkedHashMap<>();
    expressions.put("group", "c.grp");
    expressions.put("group_label", labelExpression(r));
    for (String name :
        Figures.columns(followUpFigures, MeasureRefs.columnsOf("a"), syntax).keySet()) {
      expressions.put(name, "c." + name);
    }
    List<Figure> dueFigures =
        Figures.REPORTED.stream().filter(f -> !Figures.onFollowUps(f)).toList();
    expressions.putAll(Figures.columns(dueFigures, refs("c", "dd"), syntax));
    expressions.putAll(Figures.changes("c", "pv", "_change_prev", syntax));
    expressions.putAll(Figures.changes("c", "yy", "_change_yoy", syntax));
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
        .append("\nFROM fig c\n")
        .append("LEFT JOIN fig pv ON pv.period_key = 'prev' AND pv.grp = c.grp\n")
        .append("LEFT JOIN fig yy ON yy.period_key = 'yoy' AND yy.grp = c.grp\n")
        .append("LEFT JOIN due dd ON dd.grp = c.grp\n")
        .append(labelJoin(grouping))
        .append("WHERE c.period_key = 'cur'\nORDER BY c.grp");
    return sql.toString();
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
}
