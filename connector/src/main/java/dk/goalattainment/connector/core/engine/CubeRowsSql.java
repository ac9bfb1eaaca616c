package dk.goalattainment.connector.core.engine;

import static dk.goalattainment.connector.core.engine.CubeTables.CODE;
import static dk.goalattainment.connector.core.engine.CubeTables.PERIOD;
import static dk.goalattainment.connector.core.engine.CubeTables.UNIT;

import dk.goalattainment.connector.core.semantic.Figures;
import dk.goalattainment.connector.core.semantic.Measure;
import dk.goalattainment.connector.core.semantic.MeasureRefs;
import dk.goalattainment.connector.core.semantic.SqlSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cube from its measures ({@link CubeSql}) in two parts (ADR 0019, 0032): the <b>slice
 * rows</b>, a narrow table of integer keys and measures, which a refresh writes; and the
 * <b>view</b> named as the dataset, which decodes the keys, joins the labels and derives every
 * figure from the measures on read (the change columns from the same slice of the previous period
 * and a year earlier). The incremental refresh applies its change to the slice rows with {@link
 * CubeChangeSql}.
 */
public final class CubeRowsSql {
  private final CubeLayout layout;
  private final SqlSyntax syntax;

  public CubeRowsSql(CubeLayout layout, SqlSyntax syntax) {
    this.layout = layout;
    this.syntax = syntax;
  }

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

  /** The table that holds the cube's slices (keys and measures) behind the view of the cube. */
  public static String slicesTable(String cubeTable) {
    return cubeTable + "_slices";
  }

  /**
   * The slice rows of the cube ({@link #slicesTable}): integer keys and the measures (of {@link
   * #nullified} shape in {@code measures}), for every slice. Every figure, the change columns
   * included, is derived on read by the view (ADR 0032: the change columns compare two slices, so
   * storing them made a daily delta rewrite most slice rows).
   */
  public String slices(String measures) {
    StringBuilder sql = new StringBuilder("SELECT m.pid, m.via, m.node, m.cell");
    for (Measure m : Measure.values()) {
      sql.append(", m.").append(m.column());
    }
    return sql.append("\nFROM ").append(measures).append(" m").toString();
  }

  /**
   * The slice rows of {@code slicesTable} with their change columns, against the same slice of the
   * previous period and of a year earlier ({@link #sliceColumns}): what the view reads.
   */
  String slicesWithChanges(String slicesTable) {
    String same = "%1$s.via = m.via AND %1$s.node = m.node AND %1$s.cell = m.cell";
    return sliceColumns()
        + "\nFROM "
        + slicesTable
        + " m\nJOIN "
        + PERIOD
        + " ep ON ep.pid = m.pid\nLEFT JOIN "
        + slicesTable
        + " pv ON pv.pid = ep.prev_pid AND "
        + same.formatted("pv")
        + "\nLEFT JOIN "
        + slicesTable
        + " yy ON yy.pid = ep.yoy_pid AND "
        + same.formatted("yy");
  }

  /**
   * The select list of a slice row: the keys and measures of {@code m} and the change columns
   * against {@code pv} (the previous period) and {@code yy} (a year earlier), all of {@link
   * #nullified} shape.
   */
  public String sliceColumns() {
    StringBuilder sql = new StringBuilder("SELECT m.pid, m.via, m.node, m.cell");
    for (Measure m : Measure.values()) {
      sql.append(",\n  m.").append(m.column());
    }
    MeasureRefs cur = MeasureRefs.columnsOf("m");
    for (String[] other : new String[][] {{"pv", "_change_prev"}, {"yy", "_change_yoy"}}) {
      MeasureRefs o = MeasureRefs.columnsOf(other[0]);
      for (Figures.Change ch : Figures.CHANGED) {
        sql.append(",\n  ")
            .append(
                ch.sql(
                    "(" + ch.figure().sql(cur, syntax) + ")",
                    "(" + ch.figure().sql(o, syntax) + ")",
                    syntax))
            .append(" AS ")
            .append(ch.figure().id())
            .append(other[1]);
      }
    }
    return sql.toString();
  }

  /** Every column expression of a cube row over a slice row {@code m}, by column name. */
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
    MeasureRefs m = MeasureRefs.columnsOf("m");
    for (Measure measure : Measure.values()) {
      c.put(measure.column(), m.ref(measure));
    }
    Figures.columns(Figures.REPORTED, m, syntax).forEach(c::putIfAbsent);
    Figures.columns(Figures.CUBE_ONLY, m, syntax).forEach(c::putIfAbsent);
    for (String suffix : List.of("_change_prev", "_change_yoy")) {
      for (Figures.Change ch : Figures.CHANGED) {
        c.put(ch.figure().id() + suffix, "m." + ch.figure().id() + suffix);
      }
    }
    return c;
  }

  /** Whether a column is a change column (against the previous period or a year earlier). */
  public static boolean isChangeColumn(String column) {
    return column.endsWith("_change_prev") || column.endsWith("_change_yoy");
  }

  /** The column names this builder can produce (for checks against a dataset definition). */
  public java.util.Set<String> columns() {
    return expressions().keySet();
  }

  /**
   * The view of the cube: the given columns in order, over the slice rows in {@code slicesTable}
   * ({@link #slices}), with the labels, period and org columns joined and every figure derived from
   * the stored measures on read (one formula per figure, ADR 0015; the change columns from the
   * slice's previous period and a year earlier, {@link #slicesWithChanges}), so that a refresh
   * writes only integer keys and measures.
   */
  public String view(List<String> columns, String slicesTable) {
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
    String from =
        columns.stream().anyMatch(CubeRowsSql::isChangeColumn)
            ? "(\n" + slicesWithChanges(slicesTable) + "\n)"
            : slicesTable;
    return "SELECT\n  "
        + String.join(",\n  ", select)
        + "\nFROM "
        + from
        + " m\n"
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
        + dims.stripTrailing();
  }
}
