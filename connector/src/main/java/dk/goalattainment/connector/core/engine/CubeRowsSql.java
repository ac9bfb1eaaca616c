package dk.goalattainment.connector.core.engine;

import static dk.goalattainment.connector.core.engine.CubeTables.CODE;
import static dk.goalattainment.connector.core.engine.CubeTables.PERIOD;
import static dk.goalattainment.connector.core.engine.CubeTables.UNIT;

import dk.goalattainment.connector.core.semantic.Figures;
import dk.goalattainment.connector.core.semantic.Measure;
import dk.goalattainment.connector.core.semantic.MeasureRefs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cube's rows from its measures ({@link CubeSql}): keys decoded to codes, labels joined on the
 * small result, the figures rendered from {@link Figures} over the measures, and the changes from
 * the same slice of the previous period and a year earlier (equality joins on integer keys). Also
 * the statements that apply an incremental change to the stored cube.
 */
public final class CubeRowsSql {
  private final CubeLayout layout;
  private final SqlSyntax syntax;

  public CubeRowsSql(CubeLayout layout, SqlSyntax syntax) {
    this.layout = layout;
    this.syntax = syntax;
  }

  private static final String KEYS = "pid, via, node, cell";

  /**
   * Measures named as in the cube from raw sums ({@code e_m}-shaped {@code sums}): a side's
   * measures null where it is empty; slices with neither side left out.
   */
  public static String nullified(String sums) {
    List<String> cols = new ArrayList<>();
    for (Measure m : Measure.values()) {
      String presence = CubeSql.measure(Measure.presence(m.side()), "s");
      cols.add(
          "CASE WHEN %s <> 0 THEN CAST(%s AS BIGINT) END AS %s"
              .formatted(presence, CubeSql.measure(m, "s"), m.column()));
    }
    return "SELECT s.pid, s.via, s.node, s.cell, "
        + String.join(",\n       ", cols)
        + "\nFROM "
        + sums
        + " s\nWHERE "
        + CubeSql.measure(Measure.GOALS_FOLLOWED_UP, "s")
        + " <> 0 OR "
        + CubeSql.measure(Measure.GOALS_DUE, "s")
        + " <> 0";
  }

  /** The measures and figures of a slice, by column name, over measures of alias {@code m}. */
  private Map<String, String> values() {
    MeasureRefs m = MeasureRefs.columnsOf("m");
    Map<String, String> c = new LinkedHashMap<>();
    for (Measure measure : Measure.values()) {
      c.put(measure.column(), m.ref(measure));
    }
    Figures.columns(Figures.REPORTED, m, syntax).forEach(c::putIfAbsent);
    Figures.columns(Figures.CUBE_ONLY, m, syntax).forEach(c::putIfAbsent);
    return c;
  }

  /**
   * Every slice's measures and figure values, from measures of {@link #nullified} shape: the
   * figures are computed once per slice, and the changes compare these values.
   */
  public String figures(String measures) {
    StringBuilder sql = new StringBuilder("SELECT m.pid, m.via, m.node, m.cell");
    values().forEach((name, e) -> sql.append(",\n       ").append(e).append(" AS ").append(name));
    return sql.append("\nFROM ").append(measures).append(" m").toString();
  }

  /** Every column expression of a cube row, by column name. */
  private Map<String, String> expressions() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("period", "dp.period");
    c.put("period_kind", "dp.period_kind");
    c.put("period_start", "dp.p_start");
    c.put("period_end", "dp.p_end");
    c.put("period_year", "dp.period_year");
    c.putAll(DatasetSql.periodColumns("dp"));
    c.put("via", "CASE WHEN m.via = 0 THEN 'authority' ELSE 'provider' END");
    c.put("org_unit", "ou.unit_id");
    c.put("org_unit_name", AttainmentSql.closedLabel("ou", "dp.p_end"));
    c.put("org_unit_closed", "(ou.valid_to IS NOT NULL AND ou.valid_to < dp.p_end)");
    c.put("parent_org_unit", "ou.parent_id");
    c.put("org_depth", "ou.org_depth");
    c.put("org_level", "ou.org_level");
    c.put("org_level_label", "ou.org_level_label");
    c.put("org_path", "ou.org_path");
    for (String level : DatasetSql.IN_LEVELS) {
      c.put("in_" + level, "ou.in_" + level);
    }
    for (String[] d :
        new String[][] {
          {"target_group", "ctg", "ltg", "Alle målgrupper"},
          {"effect_goal", "ceg", "leg", "Alle effektmål"},
          {"life_theme", "clt", "llt", "Alle livstemaer"},
          {"goal_type", "cgt", "lgt", "Alle måltyper"}
        }) {
      c.put(d[0], "COALESCE(" + d[1] + ".code, '*')");
      c.put(
          d[0] + "_label",
          "CASE WHEN %1$s.code IS NULL THEN '%3$s' ELSE COALESCE(%2$s.label_da, %1$s.code) END"
              .formatted(d[1], d[2], d[3]));
    }
    for (String value : values().keySet()) {
      c.put(value, "m." + value);
    }
    c.putAll(Figures.changes("m", "pv", "_change_prev", syntax));
    c.putAll(Figures.changes("m", "yy", "_change_yoy", syntax));
    return c;
  }

  /** The column names this builder can produce (for checks against a dataset definition). */
  public java.util.Set<String> columns() {
    return expressions().keySet();
  }

  /**
   * The rows of the cube, with the given columns in order, from the slice values in {@code
   * measures} ({@link #figures} shape), for the slices in {@code targets} ({@code pid, via, node,
   * cell}) or every slice when null.
   */
  public String rows(List<String> columns, String measures, String targets) {
    Map<String, String> e = expressions();
    List<String> select = new ArrayList<>();
    for (String column : columns) {
      String expression = e.get(column);
      if (expression == null) {
        throw new IllegalArgumentException("the attainment builder has no column " + column);
      }
      select.add(expression + " AS " + column);
    }
    String dims =
        java.util.stream.Stream.of(
                new String[] {"ctg", "target_group", layout.tg("m.cell")},
                new String[] {"ceg", "effect_goal", layout.eg("m.cell")},
                new String[] {"clt", "life_theme", layout.lt("m.cell")},
                new String[] {"cgt", "goal_type", layout.gt("m.cell")})
            .map(
                d ->
                    ("LEFT JOIN %4$s %1$s ON %1$s.dimension = '%2$s' AND %1$s.id = %3$s\n"
                            + "LEFT JOIN catalogue_label l%5$s ON l%5$s.dimension = '%2$s'"
                            + " AND l%5$s.code = %1$s.code\n")
                        .formatted(d[0], d[1], d[2], CODE, d[0].substring(1)))
            .collect(Collectors.joining());
    String same = "%1$s.via = m.via AND %1$s.node = m.node AND %1$s.cell = m.cell";
    return "SELECT\n  "
        + String.join(",\n  ", select)
        + "\nFROM "
        + measures
        + " m\n"
        + (targets == null
            ? ""
            : "JOIN " + targets + " t ON t.pid = m.pid AND " + same.formatted("t") + "\n")
        + "JOIN "
        + PERIOD
        + " ep ON ep.pid = m.pid\n"
        + "JOIN "
        + DatasetSql.PERIOD_TABLE
        + " dp ON dp.period = ep.period\n"
        + "JOIN "
        + UNIT
        + " eu ON eu.uno = m.node\n"
        + "JOIN "
        + DatasetSql.ORG_TABLE
        + " ou ON ou.unit_id = eu.unit_id\n"
        + dims
        + "LEFT JOIN "
        + measures
        + " pv ON pv.pid = ep.prev_pid AND "
        + same.formatted("pv")
        + "\nLEFT JOIN "
        + measures
        + " yy ON yy.pid = ep.yoy_pid AND "
        + same.formatted("yy");
  }

  // ------------------------------------------------------------------ incremental

  /** The slices a change touches: {@code pid, via, node, cell} of {@code e_m} rows not all 0. */
  public static String touchedSlices() {
    List<String> nonZero = new ArrayList<>();
    for (Measure m : Measure.values()) {
      nonZero.add(CubeSql.measure(m, "d") + " <> 0");
    }
    return "SELECT " + KEYS + " FROM e_m d WHERE " + String.join(" OR ", nonZero);
  }

  /** The rows to rewrite: the touched slices, and those whose changes compare with one. */
  public static String targetSlices() {
    return """
        SELECT pid, via, node, cell FROM e_aff
        UNION
        SELECT p.pid, a.via, a.node, a.cell
        FROM e_aff a JOIN %s p ON p.prev_pid = a.pid OR p.yoy_pid = a.pid"""
        .formatted(PERIOD);
  }

  /** The slices whose measures the target rows read: targets and their comparison slices. */
  public static String neededSlices() {
    return """
        SELECT pid, via, node, cell FROM e_tgt
        UNION
        SELECT p.prev_pid, t.via, t.node, t.cell FROM e_tgt t JOIN %1$s p ON p.pid = t.pid
        WHERE p.prev_pid > 0
        UNION
        SELECT p.yoy_pid, t.via, t.node, t.cell FROM e_tgt t JOIN %1$s p ON p.pid = t.pid
        WHERE p.yoy_pid > 0"""
        .formatted(PERIOD);
  }

  /**
   * The stored measures of the needed slices ({@code e_needc}: {@link #decoded} of {@code e_need}),
   * as raw sums (0 for null), by integer keys. The stored rows are found by their codes, an
   * equality join on the cube's own key columns, so the database reads only the rows it needs.
   */
  public static String storedMeasures(String cubeTable) {
    List<String> sums = new ArrayList<>();
    for (Measure m : Measure.values()) {
      String raw = CubeSql.measure(m, "x").substring(2);
      sums.add("COALESCE(a." + m.column() + ", 0) AS " + raw);
    }
    return """
        SELECT n.pid, n.via, n.node, n.cell, %1$s
        FROM e_needc n
        JOIN %2$s a ON a.period = n.period AND a.via = n.via_code AND a.org_unit = n.org_unit
         AND a.target_group = n.target_group AND a.effect_goal = n.effect_goal
         AND a.life_theme = n.life_theme AND a.goal_type = n.goal_type"""
        .formatted(String.join(", ", sums), cubeTable);
  }

  /** Stored measures plus the change, per needed slice. */
  public static String updatedSums() {
    String all = "cit, xs, xq, fu, met, prog, dist, pm, pu_, mm, mu, lm, lu, due, on_time, overdue";
    String sums =
        java.util.Arrays.stream(all.split(", "))
            .map(s -> "SUM(" + s + ") AS " + s)
            .collect(Collectors.joining(", "));
    return """
        SELECT pid, via, node, cell, %1$s
        FROM (SELECT * FROM e_cur
              UNION ALL
              SELECT d.* FROM e_m d
              JOIN e_need n ON n.pid = d.pid AND n.via = d.via AND n.node = d.node
                           AND n.cell = d.cell) t
        GROUP BY pid, via, node, cell"""
        .formatted(sums);
  }

  /**
   * Slices by integer keys ({@code pid, via, node, cell} of {@code slices}) with the cube's codes
   * beside them: {@code period, via_code, org_unit, target_group, effect_goal, life_theme,
   * goal_type}.
   */
  public String decoded(String slices) {
    return """
        SELECT t.pid, t.via, t.node, t.cell, ep.period,
               CASE WHEN t.via = 0 THEN 'authority' ELSE 'provider' END AS via_code,
               eu.unit_id AS org_unit,
               COALESCE(ctg.code, '*') AS target_group, COALESCE(ceg.code, '*') AS effect_goal,
               COALESCE(clt.code, '*') AS life_theme, COALESCE(cgt.code, '*') AS goal_type
        FROM %8$s t JOIN %1$s ep ON ep.pid = t.pid JOIN %2$s eu ON eu.uno = t.node
        LEFT JOIN %3$s ctg ON ctg.dimension = 'target_group' AND ctg.id = %4$s
        LEFT JOIN %3$s ceg ON ceg.dimension = 'effect_goal' AND ceg.id = %5$s
        LEFT JOIN %3$s clt ON clt.dimension = 'life_theme' AND clt.id = %6$s
        LEFT JOIN %3$s cgt ON cgt.dimension = 'goal_type' AND cgt.id = %7$s"""
        .formatted(
            PERIOD,
            UNIT,
            CODE,
            layout.tg("t.cell"),
            layout.eg("t.cell"),
            layout.lt("t.cell"),
            layout.gt("t.cell"),
            slices);
  }

  /** Deletes the target slices' rows ({@code e_tgtc}: {@link #decoded} of them) from the cube. */
  public static String deleteTargets(String cubeTable) {
    return ("DELETE FROM %1$s WHERE EXISTS (SELECT 1 FROM e_tgtc t WHERE t.period = %1$s.period"
            + " AND t.via_code = %1$s.via AND t.org_unit = %1$s.org_unit"
            + " AND t.target_group = %1$s.target_group AND t.effect_goal = %1$s.effect_goal"
            + " AND t.life_theme = %1$s.life_theme AND t.goal_type = %1$s.goal_type)")
        .formatted(cubeTable);
  }
}
