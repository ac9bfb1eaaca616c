package dk.goalattainment.connector.core.engine;

import static dk.goalattainment.connector.core.engine.CubeTables.CODE;
import static dk.goalattainment.connector.core.engine.CubeTables.PERIOD;
import static dk.goalattainment.connector.core.engine.CubeTables.UNIT;
import static dk.goalattainment.connector.core.engine.CubeTables.quarterIndex;

import dk.goalattainment.connector.core.semantic.FixedPoint;
import dk.goalattainment.connector.core.semantic.Measure;
import dk.goalattainment.connector.core.semantic.SqlSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The refresh's engine (issue 12): from goals and follow-ups to the additive measures of every
 * slice of the cube, on integer keys ({@link CubeLayout}), exact ({@link FixedPoint}).
 *
 * <ol>
 *   <li>Counted follow-ups: one pass over the follow-ups in goal order; a follow-up counts in a
 *       period when the goal's next follow-up falls after the period's end (a quarter, a year and
 *       the rolling windows that hold it), so no range join and no per-period ranking.
 *   <li>Goal sums (goals, met, progress, distance, per goal type; compliance by due date) add up
 *       over goals: summed per leaf cell, then rolled up.
 *   <li>Citizen sums (citizens, Σ share, Σ share²) do not add up across slices that share a
 *       citizen. They are computed by Möbius inversion over the citizen's counted goals in a
 *       period: every counted goal adds a citizen of its own at its leaf cell, and every set T of ≥
 *       2 goals of one citizen adds a correction h(|T|, goals met in T) at the join of T (lowest
 *       common org ancestor, and each dimension kept where all of T agree). Rolled up, the sum at a
 *       slice is exactly the sum over citizens of (1, share, share²) of the goals in the slice.
 *       Citizens with more than four counted goals in a period (rare) are computed slice by slice
 *       instead.
 *   <li>The roll-up: dimension patterns (target group or all × theme, effect goal or all × goal
 *       type or all), then org ancestors through the closure: small tables by then.
 * </ol>
 *
 * Every sum carries a {@code sign}, so the same SQL computes the change of an incremental refresh
 * (old facts of the touched citizens with −1, their new facts with +1).
 */
public final class CubeSql {
  /** The most counted goals of one citizen in a period that the Möbius step handles. */
  public static final int MAX_SET = 4;

  private final CubeLayout layout;
  private final SqlSyntax syntax;
  private final Map<String, Integer> goalTypeIds;

  /**
   * @param goalTypeIds the {@code engine_code} id of each goal type code
   */
  public CubeSql(CubeLayout layout, SqlSyntax syntax, Map<String, Integer> goalTypeIds) {
    this.layout = layout;
    this.syntax = syntax;
    this.goalTypeIds = Map.copyOf(goalTypeIds);
  }

  public CubeLayout layout() {
    return layout;
  }

  /** The additive measures in table order. */
  public static final List<Measure> MEASURES = List.of(Measure.values());

  // ------------------------------------------------------------------ dictionaries and facts

  /**
   * Coded goals: {@code goal_id, gno, cno, au, pu, cell, base, target, due_qk, due_date} of the
   * goals that {@code join} and {@code where} select ({@code g} = goal), numbered by {@code
   * gnoExpression}.
   */
  public String codedGoals(String citizenTable, String gnoExpression, String join, String where) {
    return codedGoals("goal", citizenTable, gnoExpression, join, where);
  }

  /**
   * {@link #codedGoals(String, String, String, String)} over the goal rows in {@code goalTable} (of
   * {@code goal}'s columns: an incremental refresh reads the changed goals' rows once).
   */
  public String codedGoals(
      String goalTable, String citizenTable, String gnoExpression, String join, String where) {
    return """
        SELECT g.goal_id, CAST(%1$s AS INTEGER) AS gno, c.cno, au.uno AS au,
               COALESCE(pu.uno, 0) AS pu, %2$s AS cell,
               g.baseline_score AS base, g.target_score AS target,
               %3$s AS due_qk, g.due_date
        FROM %9$s g
        JOIN %4$s c ON c.citizen_key = g.citizen_key
        JOIN %5$s au ON au.unit_id = g.authority_unit_id
        LEFT JOIN %5$s pu ON pu.unit_id = g.provider_unit_id
        JOIN %6$s ctg ON ctg.dimension = 'target_group' AND ctg.code = g.target_group
        JOIN %6$s ceg ON ceg.dimension = 'effect_goal' AND ceg.code = g.effect_goal
        JOIN %6$s clt ON clt.dimension = 'life_theme' AND clt.code = g.life_theme
        JOIN %6$s cgt ON cgt.dimension = 'goal_type' AND cgt.code = g.goal_type
        %8$s
        WHERE %7$s"""
        .formatted(
            gnoExpression,
            layout.cell("ctg.id", "ceg.id", "clt.id", "cgt.id"),
            quarterIndex("g.due_date"),
            citizenTable,
            UNIT,
            CODE,
            where,
            join,
            goalTable);
  }

  /**
   * Every follow-up of the coded goals in {@code goals}, in goal order with the quarter of the
   * goal's next follow-up: {@code gno, goal_id, followup_id, followup_date, score, qk, next_qk,
   * rn}.
   */
  public String followUpSequence(String goals) {
    String qk = quarterIndex("f.followup_date");
    return """
        SELECT g.gno, g.goal_id, f.followup_id, f.followup_date, f.score, %1$s AS qk,
               LEAD(%1$s) OVER w AS next_qk, ROW_NUMBER() OVER w AS rn
        FROM followup f JOIN %2$s g ON g.goal_id = f.goal_id
        WINDOW w AS (PARTITION BY g.gno ORDER BY f.followup_date, f.followup_id)"""
        .formatted(qk, goals);
  }

  /** The quarters and the periods that hold them: {@code qk, pid, end_qk}. */
  public static String quarterPeriods() {
    return """
        SELECT q.start_qk AS qk, p.pid, p.end_qk
        FROM %1$s q JOIN %1$s p ON q.start_qk BETWEEN p.start_qk AND p.end_qk
        WHERE q.kind = 0"""
        .formatted(PERIOD);
  }

  /**
   * The counted follow-up of every goal and period ({@code pid, gno, score}): the last follow-up of
   * a goal in a quarter counts in every period holding that quarter that ends before the goal's
   * next follow-up.
   */
  public static String counted(String sequence, String quarterPeriods) {
    return """
        SELECT p.pid, x.gno, x.score
        FROM %s x JOIN %s p ON p.qk = x.qk
        WHERE x.next_qk IS NULL OR x.next_qk > p.end_qk"""
        .formatted(sequence, quarterPeriods);
  }

  /** Every goal's compliance facts: {@code gno, due_qk, first_qk, on_time}. */
  public static String due(String goals, String sequence) {
    return """
        SELECT g.gno, g.due_qk, f.qk AS first_qk,
               CASE WHEN f.followup_date <= g.due_date THEN 1 ELSE 0 END AS on_time
        FROM %s g LEFT JOIN %s f ON f.gno = g.gno AND f.rn = 1"""
        .formatted(goals, sequence);
  }

  /**
   * Counted facts with their goal and a sign: {@code pid, cno, au, pu, cell, sign, met, prog, dist,
   * gk} (gk: the packed member key).
   */
  public String facts(String counted, String goals, String where, int sign) {
    String met = "CASE WHEN c.score >= g.target THEN 1 ELSE 0 END";
    return """
        SELECT c.pid, g.cno, g.au, g.pu, g.cell, %1$d AS sign, %2$s AS met,
               CASE WHEN c.score > g.base THEN 1 ELSE 0 END AS prog, c.score - g.base AS dist,
               (CAST(g.au AS BIGINT) << %3$d) | (CAST(g.pu AS BIGINT) << %4$d)
                 | (CAST(g.cell AS BIGINT) << 1) | %2$s AS gk
        FROM %5$s c JOIN %6$s g ON g.gno = c.gno
        WHERE %7$s"""
        .formatted(
            sign,
            met,
            layout.memberAuthorityShift(),
            layout.memberProviderShift(),
            counted,
            goals,
            where);
  }

  /**
   * Compliance facts by due period with a sign, summed per period and leaf: {@code pid, au, pu,
   * cell, due, on_time, overdue}.
   */
  public static String dueFacts(String due, String goals, String where, int sign) {
    return """
        SELECT p.pid, g.au, g.pu, g.cell, CAST(%1$d * COUNT(*) AS BIGINT) AS due,
               CAST(%1$d * SUM(d.on_time) AS BIGINT) AS on_time,
               CAST(%1$d * SUM(CASE WHEN d.first_qk IS NULL OR d.first_qk > p.end_qk THEN 1
                                    ELSE 0 END) AS BIGINT) AS overdue
        FROM %2$s d JOIN %3$s g ON g.gno = d.gno JOIN e_qp p ON p.qk = d.due_qk
        WHERE %4$s
        GROUP BY p.pid, g.au, g.pu, g.cell"""
        .formatted(sign, due, goals, where);
  }

  // ------------------------------------------------------------------ measures

  /**
   * The steps from counted facts ({@code e_cf}, from {@link #facts}) and compliance facts ({@code
   * e_df}, from {@link #dueFacts}) to the measures of every slice: {@code e_m (pid, via, node,
   * cell, <measures>)} with raw sums (0 where a side is empty).
   */
  public List<CubeStep> measures() {
    List<CubeStep> steps = new ArrayList<>();
    steps.add(CubeStep.create("goal sums", "e_cells", cells()));
    steps.add(
        CubeStep.create(
            "citizens",
            "e_pc",
            """
            SELECT pid, cno, sign, COUNT(*) AS j, %s AS ms
            FROM e_cf GROUP BY pid, cno, sign HAVING COUNT(*) >= 2"""
                .formatted(syntax.arrayAggregate("gk"))));
    steps.add(CubeStep.create("citizens", "e_sets", sets()));
    steps.add(CubeStep.create("citizens", "e_lca", lowestCommonAncestors()));
    steps.add(CubeStep.create("citizens", "e_d", corrections()));
    steps.add(CubeStep.create("citizens", "e_fix", bigSets()));
    steps.add(CubeStep.create("roll-up", "e_r", leafRows()));
    steps.add(CubeStep.create("roll-up", "e_r1", dimensionRollup()));
    steps.add(CubeStep.create("roll-up", "e_m", orgRollup()));
    return steps;
  }

  private String typeSum(String type, boolean met) {
    Integer id = goalTypeIds.get(type);
    if (id == null) {
      return "0";
    }
    return "CAST(SUM(CASE WHEN %s = %d THEN sign * %s ELSE 0 END) AS BIGINT)"
        .formatted(layout.gt("cell"), id, met ? "met" : "(1 - met)");
  }

  private String cells() {
    return """
        SELECT pid, au, pu, cell, CAST(SUM(sign) AS BIGINT) AS fu,
               CAST(SUM(sign * met) AS BIGINT) AS met, CAST(SUM(sign * prog) AS BIGINT) AS prog,
               CAST(SUM(sign * dist) AS BIGINT) AS dist,
               %s AS pm, %s AS pu_, %s AS mm, %s AS mu, %s AS lm, %s AS lu
        FROM e_cf GROUP BY pid, au, pu, cell"""
        .formatted(
            typeSum("progression", true),
            typeSum("progression", false),
            typeSum("maintenance", true),
            typeSum("maintenance", false),
            typeSum("limited_decline", true),
            typeSum("limited_decline", false));
  }

  /** Every subset of ≥ 2 counted goals of a citizen in a period (j ≤ {@value #MAX_SET}). */
  private String sets() {
    if (syntax.evaluatesRowByRow()) {
      return new MemberSets(layout).sets(MAX_SET);
    }
    long unit = layout.unitMask();
    long cell = layout.cellMask();
    int a = layout.memberAuthorityShift();
    int p = layout.memberProviderShift();
    List<String> au = new ArrayList<>();
    List<String> pu = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    List<String> met = new ArrayList<>();
    for (int i = 1; i <= MAX_SET; i++) {
      String m = "CASE WHEN s.p%d = 1 THEN pc.ms[%d] END".formatted(i, i);
      au.add("((%s) >> %d) & %d".formatted(m, a, unit));
      pu.add("((%s) >> %d) & %d".formatted(m, p, unit));
      cells.add("((%s) >> 1) & %d".formatted(m, cell));
      met.add("COALESCE((%s) & 1, 0)".formatted(m));
    }
    return """
        SELECT pc.pid, pc.sign, s.t, %1$s AS k,
               LEAST(%2$s) AS amin, GREATEST(%3$s) AS amax,
               LEAST(%4$s) AS pmin, GREATEST(%5$s) AS pmax,
               %6$s AS cand, %7$s AS cor
        FROM e_pc pc JOIN e_sub s ON s.maxpos <= pc.j
        WHERE pc.j <= %8$d"""
        .formatted(
            String.join(" + ", met),
            coalesced(au, Long.toString(unit + 1)),
            coalesced(au, "-1"),
            coalesced(pu, Long.toString(unit + 1)),
            coalesced(pu, "-1"),
            String.join(" & ", coalescedList(cells, Long.toString(cell))),
            String.join(" | ", coalescedList(cells, "0")),
            MAX_SET);
  }

  private static String coalesced(List<String> values, String neutral) {
    return String.join(", ", coalescedList(values, neutral));
  }

  private static List<String> coalescedList(List<String> values, String neutral) {
    return values.stream()
        .map(v -> "COALESCE(" + v + ", " + neutral + ")")
        .collect(Collectors.toList());
  }

  private String lowestCommonAncestors() {
    return """
        SELECT pr.u1, pr.u2, MAX(c.anc) AS lca
        FROM (SELECT DISTINCT amin AS u1, amax AS u2 FROM e_sets
              UNION SELECT DISTINCT pmin, pmax FROM e_sets WHERE pmin > 0) pr
        JOIN e_closure c ON c.des = pr.u1 AND c.auend >= pr.u2
        GROUP BY pr.u1, pr.u2""";
  }

  private String corrections() {
    String select =
        """
        SELECT s.pid, %1$d AS via, l.lca AS node, %2$s AS cell,
               %6$s AS cit, %7$s AS xs, %8$s AS xq
        FROM e_sets s JOIN e_h h ON h.t = s.t AND h.k = s.k
        JOIN e_lca l ON l.u1 = s.%3$s AND l.u2 = s.%4$s%5$s
        GROUP BY s.pid, l.lca, %2$s""";
    // A row-by-row database gets the join of the cells precomputed by its subset step (jc).
    String cell =
        syntax.evaluatesRowByRow() ? "s.jc" : new MemberSets(layout).joinCell("s.cand", "s.cor");
    String cit = syntax.bigintSum("s.sign * h.hc");
    String xs = syntax.bigintSum("s.sign * h.hx");
    String xq = syntax.bigintSum("s.sign * h.hq");
    return select.formatted(0, cell, "amin", "amax", "", cit, xs, xq)
        + "\nUNION ALL\n"
        + select.formatted(1, cell, "pmin", "pmax", "\nWHERE s.pmin > 0", cit, xs, xq);
  }

  /** Citizens with more than {@value #MAX_SET} goals in a period: corrections slice by slice. */
  private String bigSets() {
    String x = FixedPoint.citizenShare("m", "n", syntax);
    long l = FixedPoint.SHARE_SCALE;
    return """
        SELECT pid, via, node, cell, %5$s AS cit, %6$s AS xs, %7$s AS xq
        FROM (
          SELECT f.pid, v.via, c.anc AS node, f.cell & pt.mask AS cell, f.cno, f.sign,
                 COUNT(*) AS n, SUM(f.met) AS m
          FROM e_cf f JOIN e_pc pc ON pc.pid = f.pid AND pc.cno = f.cno AND pc.sign = f.sign
          CROSS JOIN (SELECT 0 AS via UNION ALL SELECT 1) v
          JOIN e_closure c ON c.des = CASE WHEN v.via = 0 THEN f.au ELSE f.pu END
          CROSS JOIN e_pat pt
          WHERE pc.j > %4$d
          GROUP BY f.pid, v.via, c.anc, f.cell & pt.mask, f.cno, f.sign
        ) t
        GROUP BY pid, via, node, cell"""
        .formatted(
            x,
            l,
            l * l,
            MAX_SET,
            syntax.bigintSum("sign * (1 - n)"),
            syntax.bigintSum("sign * (%s - m * %d)".formatted(x, l)),
            syntax.bigintSum(
                "sign * (CAST(%1$s AS BIGINT) * CAST(%1$s AS BIGINT) - m * %2$d)"
                    .formatted(x, l * l)));
  }

  private static final String ZERO_DUE = "0 AS due, 0 AS on_time, 0 AS overdue";
  private static final String ZERO_GOALS =
      "0 AS fu, 0 AS met, 0 AS prog, 0 AS dist, 0 AS pm, 0 AS pu_, 0 AS mm, 0 AS mu, 0 AS lm,"
          + " 0 AS lu";
  private static final String GOAL_SUMS = "fu, met, prog, dist, pm, pu_, mm, mu, lm, lu";
  private static final String ALL_SUMS =
      "cit, xs, xq, fu, met, prog, dist, pm, pu_, mm, mu, lm, lu, due, on_time, overdue";

  /** 64-bit sums (DuckDB would widen every sum to 128 bits, PostgreSQL to numeric). */
  private String sums(String alias) {
    StringBuilder sb = new StringBuilder();
    for (String s : ALL_SUMS.split(", ")) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(syntax.bigintSum(alias + s))
          .append(" AS ")
          .append(s);
    }
    return sb.toString();
  }

  /** Every row at its own cell and unit, before the roll-up. */
  private String leafRows() {
    long l = FixedPoint.SHARE_SCALE;
    String singles = "fu AS cit, met * %d AS xs, met * %d AS xq".formatted(l, l * l);
    return """
        SELECT pid, via, node, cell, %1$s
        FROM (
          SELECT pid, 0 AS via, au AS node, cell, %2$s, %3$s, %4$s FROM e_cells
          UNION ALL
          SELECT pid, 1, pu, cell, %2$s, %3$s, %4$s FROM e_cells WHERE pu > 0
          UNION ALL
          SELECT pid, via, node, cell, cit, xs, xq, %5$s, %4$s FROM e_d
          UNION ALL
          SELECT pid, 0, au, cell, 0, 0, 0, %5$s, due, on_time, overdue FROM e_df
          UNION ALL
          SELECT pid, 1, pu, cell, 0, 0, 0, %5$s, due, on_time, overdue FROM e_df WHERE pu > 0
        ) t
        GROUP BY pid, via, node, cell"""
        .formatted(sums(""), singles, GOAL_SUMS, ZERO_DUE, ZERO_GOALS);
  }

  /** Each row to every dimension pattern at or above its own levels. */
  private String dimensionRollup() {
    String tl = "CASE WHEN %s = 0 THEN 1 ELSE 0 END".formatted(layout.tg("r.cell"));
    String hl =
        "CASE WHEN %s <> 0 THEN 0 WHEN %s <> 0 THEN 1 ELSE 2 END"
            .formatted(layout.lt("r.cell"), layout.eg("r.cell"));
    String yl = "CASE WHEN %s = 0 THEN 1 ELSE 0 END".formatted(layout.gt("r.cell"));
    return """
        SELECT r.pid, r.via, r.node, r.cell & p.mask AS cell, %1$s
        FROM e_r r JOIN e_pat p ON p.tl >= %2$s AND p.hl >= %3$s AND p.yl >= %4$s
        GROUP BY r.pid, r.via, r.node, r.cell & p.mask"""
        .formatted(sums("r."), tl, hl, yl);
  }

  /** Each row to its unit and every org ancestor; the exact corrections of big sets added. */
  private String orgRollup() {
    return """
        SELECT pid, via, node, cell, %1$s
        FROM (
          SELECT r.pid, r.via, c.anc AS node, r.cell, %2$s
          FROM e_r1 r JOIN e_closure c ON c.des = r.node
          UNION ALL
          SELECT pid, via, node, cell, cit, xs, xq, %3$s, %4$s FROM e_fix
        ) t
        GROUP BY pid, via, node, cell"""
        .formatted(
            sums(""),
            java.util.Arrays.stream(ALL_SUMS.split(", "))
                .map(s -> "r." + s)
                .collect(Collectors.joining(", ")),
            ZERO_GOALS,
            ZERO_DUE);
  }

  /**
   * The steps of {@link #measures()} up to the dimension roll-up ({@code e_r1}, {@code e_fix}),
   * without the org roll-up: an incremental refresh rolls its change up on packed slice keys
   * ({@link #keyedOrgRollup}).
   */
  public List<CubeStep> measuresBeforeOrgRollup() {
    List<CubeStep> steps = measures();
    return steps.subList(0, steps.size() - 1);
  }

  /**
   * The org roll-up of {@link #orgRollup}, grouped on the packed slice key: {@code k, <raw sums>}
   * (the same sums, 0 where a side is empty).
   */
  public String keyedOrgRollup(SliceKey key) {
    return """
        SELECT k, %1$s
        FROM (
          SELECT %2$s AS k, %3$s
          FROM e_r1 r JOIN e_closure c ON c.des = r.node
          UNION ALL
          SELECT %4$s, cit, xs, xq, %5$s, %6$s FROM e_fix f
        ) t
        GROUP BY k"""
        .formatted(
            sums(""),
            key.of("r.pid", "r.via", "c.anc", "r.cell"),
            java.util.Arrays.stream(ALL_SUMS.split(", "))
                .map(s -> "r." + s)
                .collect(Collectors.joining(", ")),
            key.ofColumns("f"),
            ZERO_GOALS,
            ZERO_DUE);
  }

  /** The measures of {@code e_m} by measure, as SQL over an alias. */
  public static String measure(Measure m, String alias) {
    String raw =
        switch (m) {
          case CITIZENS -> "cit";
          case ATTAINMENT_SHARE_SUM -> "xs";
          case ATTAINMENT_SHARE_SQ_SUM -> "xq";
          case GOALS_FOLLOWED_UP -> "fu";
          case GOALS_MET -> "met";
          case GOALS_WITH_PROGRESS -> "prog";
          case DISTANCE_SUM -> "dist";
          case PROGRESSION_MET -> "pm";
          case PROGRESSION_UNMET -> "pu_";
          case MAINTENANCE_MET -> "mm";
          case MAINTENANCE_UNMET -> "mu";
          case LIMITED_DECLINE_MET -> "lm";
          case LIMITED_DECLINE_UNMET -> "lu";
          case GOALS_DUE -> "due";
          case FOLLOWUPS_ON_TIME -> "on_time";
          case FOLLOWUPS_OVERDUE -> "overdue";
        };
    return alias + "." + raw;
  }
}
