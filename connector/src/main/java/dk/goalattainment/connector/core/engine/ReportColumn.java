package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.semantic.Figure;
import dk.goalattainment.connector.core.semantic.Figures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A column of a report, and the columns in output order ({@link #values()}), derived from the typed
 * figure declarations ({@link Figures#REPORTED}, {@link Figures#CHANGED}): adding a figure to
 * {@code Figures} adds its columns here, in the engine's SQL, the CLI's CSV and REST's JSON.
 *
 * <p>The order is an interface: {@code group}, then the {@linkplain #FIRST_COLUMNS first columns}
 * in their published order (the first eleven are the original interface), then every other column
 * of the reported figures (value, then companions such as intervals) in declaration order, the
 * changes against the previous period ({@code <figure>_change_prev}) and a year earlier ({@code
 * _change_yoy}), and the slice's context ({@code period}, {@code org_unit}, {@code via}, {@code
 * grouping}). New figures only ever add columns after the earlier ones.
 *
 * @param id the column name used in SQL, CSV and JSON
 * @param type its value type
 */
public record ReportColumn(String id, Type type) {
  /** Value types of report columns. */
  public enum Type {
    TEXT,
    LONG,
    DOUBLE,
    BOOLEAN
  }

  /**
   * The columns published before the report grew, in their order then: the original eleven, the
   * group's label, and the intervals and deviation added with it. Every one is a column of a
   * declared figure (or the group's label); the class fails to load otherwise.
   */
  private static final List<String> FIRST_COLUMNS =
      List.of(
          "citizens",
          "goal_attainment_avg",
          "goals_followed_up",
          "goals_met",
          "goals_met_share",
          "progress_share",
          "distance_avg",
          "goal_attainment_ci_low",
          "goal_attainment_ci_high",
          "low_n",
          "group_label",
          "goals_met_share_ci_low",
          "goals_met_share_ci_high",
          "progress_share_ci_low",
          "progress_share_ci_high",
          "goal_attainment_sd");

  /** The change columns' suffixes, in order: the previous period, a year earlier. */
  public static final List<String> CHANGE_SUFFIXES = List.of("_change_prev", "_change_yoy");

  private static final List<ReportColumn> ALL = derive();

  public static final ReportColumn GROUP = byId("group");
  public static final ReportColumn GROUP_LABEL = byId("group_label");
  public static final ReportColumn PERIOD = byId("period");
  public static final ReportColumn ORG_UNIT = byId("org_unit");
  public static final ReportColumn VIA = byId("via");
  public static final ReportColumn GROUPING = byId("grouping");
  // Named handles on figure columns, for code that reads one; a new figure needs none.
  public static final ReportColumn CITIZENS = byId("citizens");
  public static final ReportColumn GOAL_ATTAINMENT_AVG = byId("goal_attainment_avg");
  public static final ReportColumn GOAL_ATTAINMENT_CI_LOW = byId("goal_attainment_ci_low");
  public static final ReportColumn GOAL_ATTAINMENT_CI_HIGH = byId("goal_attainment_ci_high");
  public static final ReportColumn GOALS_FOLLOWED_UP = byId("goals_followed_up");
  public static final ReportColumn GOALS_MET = byId("goals_met");
  public static final ReportColumn GOALS_MET_SHARE = byId("goals_met_share");
  public static final ReportColumn GOALS_MET_SHARE_CI_LOW = byId("goals_met_share_ci_low");
  public static final ReportColumn GOALS_MET_SHARE_CI_HIGH = byId("goals_met_share_ci_high");
  public static final ReportColumn PROGRESS_SHARE = byId("progress_share");
  public static final ReportColumn DISTANCE_AVG = byId("distance_avg");
  public static final ReportColumn LOW_N = byId("low_n");
  public static final ReportColumn PROGRESSION_MET_SHARE = byId("progression_met_share");
  public static final ReportColumn PROGRESSION_UNMET_SHARE = byId("progression_unmet_share");
  public static final ReportColumn MAINTENANCE_MET_SHARE = byId("maintenance_met_share");
  public static final ReportColumn MAINTENANCE_UNMET_SHARE = byId("maintenance_unmet_share");
  public static final ReportColumn LIMITED_DECLINE_MET_SHARE = byId("limited_decline_met_share");
  public static final ReportColumn LIMITED_DECLINE_UNMET_SHARE =
      byId("limited_decline_unmet_share");
  public static final ReportColumn GOALS_DUE = byId("goals_due");
  public static final ReportColumn FOLLOWUP_ON_TIME_SHARE = byId("followup_on_time_share");
  public static final ReportColumn FOLLOWUPS_OVERDUE = byId("followups_overdue");
  public static final ReportColumn CITIZENS_CHANGE_PREV = byId("citizens_change_prev");
  public static final ReportColumn CITIZENS_CHANGE_YOY = byId("citizens_change_yoy");
  public static final ReportColumn GOAL_ATTAINMENT_AVG_CHANGE_PREV =
      byId("goal_attainment_avg_change_prev");
  public static final ReportColumn GOALS_MET_SHARE_CHANGE_PREV =
      byId("goals_met_share_change_prev");

  public ReportColumn {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
  }

  /** Every column of a report, in output order. */
  public static List<ReportColumn> values() {
    return ALL;
  }

  /** The column named {@code id}. */
  public static ReportColumn byId(String id) {
    return ALL.stream()
        .filter(c -> c.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a report column: " + id));
  }

  private static List<ReportColumn> derive() {
    Map<String, Type> figures = new LinkedHashMap<>();
    for (Figure f : Figures.REPORTED) {
      for (String name : Figures.columnNames(f)) {
        // a figure's value has its type; its companions (intervals, deviation) are numbers
        figures.put(name, name.equals(f.id()) ? type(f.type()) : Type.DOUBLE);
      }
    }
    figures.put("group_label", Type.TEXT);
    List<ReportColumn> columns = new ArrayList<>();
    columns.add(new ReportColumn("group", Type.TEXT));
    for (String id : FIRST_COLUMNS) {
      Type type = figures.remove(id);
      if (type == null) {
        throw new IllegalStateException("a first report column is no figure's: " + id);
      }
      columns.add(new ReportColumn(id, type));
    }
    figures.forEach((id, type) -> columns.add(new ReportColumn(id, type)));
    for (String suffix : CHANGE_SUFFIXES) {
      for (Figures.Change change : Figures.CHANGED) {
        Figure f = change.figure();
        columns.add(
            new ReportColumn(
                f.id() + suffix, f.type() == Figure.Type.COUNT ? Type.LONG : Type.DOUBLE));
      }
    }
    for (String context : List.of("period", "org_unit", "via", "grouping")) {
      columns.add(new ReportColumn(context, Type.TEXT));
    }
    return List.copyOf(columns);
  }

  private static Type type(Figure.Type t) {
    return switch (t) {
      case COUNT -> Type.LONG;
      case DOUBLE -> Type.DOUBLE;
      case FLAG -> Type.BOOLEAN;
    };
  }
}
