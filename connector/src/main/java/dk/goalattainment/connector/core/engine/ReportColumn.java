package dk.goalattainment.connector.core.engine;

import java.util.Locale;

/**
 * The columns of a report, in output order. The first eleven are a fixed interface (CLI CSV, REST
 * JSON); the rest may grow. The engine's SQL names its result columns exactly so.
 */
public enum ReportColumn {
  GROUP(Type.TEXT),
  CITIZENS(Type.LONG),
  GOAL_ATTAINMENT_AVG(Type.DOUBLE),
  GOALS_FOLLOWED_UP(Type.LONG),
  GOALS_MET(Type.LONG),
  GOALS_MET_SHARE(Type.DOUBLE),
  PROGRESS_SHARE(Type.DOUBLE),
  DISTANCE_AVG(Type.DOUBLE),
  GOAL_ATTAINMENT_CI_LOW(Type.DOUBLE),
  GOAL_ATTAINMENT_CI_HIGH(Type.DOUBLE),
  LOW_N(Type.BOOLEAN),
  GROUP_LABEL(Type.TEXT),
  GOALS_MET_SHARE_CI_LOW(Type.DOUBLE),
  GOALS_MET_SHARE_CI_HIGH(Type.DOUBLE),
  PROGRESS_SHARE_CI_LOW(Type.DOUBLE),
  PROGRESS_SHARE_CI_HIGH(Type.DOUBLE),
  GOAL_ATTAINMENT_SD(Type.DOUBLE),
  PROGRESSION_MET_SHARE(Type.DOUBLE),
  PROGRESSION_UNMET_SHARE(Type.DOUBLE),
  MAINTENANCE_MET_SHARE(Type.DOUBLE),
  MAINTENANCE_UNMET_SHARE(Type.DOUBLE),
  LIMITED_DECLINE_MET_SHARE(Type.DOUBLE),
  LIMITED_DECLINE_UNMET_SHARE(Type.DOUBLE),
  GOALS_DUE(Type.LONG),
  FOLLOWUP_ON_TIME_SHARE(Type.DOUBLE),
  FOLLOWUP_ON_TIME_CI_LOW(Type.DOUBLE),
  FOLLOWUP_ON_TIME_CI_HIGH(Type.DOUBLE),
  FOLLOWUPS_OVERDUE(Type.LONG),
  CITIZENS_CHANGE_PREV(Type.LONG),
  GOAL_ATTAINMENT_AVG_CHANGE_PREV(Type.DOUBLE),
  GOALS_FOLLOWED_UP_CHANGE_PREV(Type.LONG),
  GOALS_MET_CHANGE_PREV(Type.LONG),
  GOALS_MET_SHARE_CHANGE_PREV(Type.DOUBLE),
  PROGRESS_SHARE_CHANGE_PREV(Type.DOUBLE),
  DISTANCE_AVG_CHANGE_PREV(Type.DOUBLE),
  CITIZENS_CHANGE_YOY(Type.LONG),
  GOAL_ATTAINMENT_AVG_CHANGE_YOY(Type.DOUBLE),
  GOALS_FOLLOWED_UP_CHANGE_YOY(Type.LONG),
  GOALS_MET_CHANGE_YOY(Type.LONG),
  GOALS_MET_SHARE_CHANGE_YOY(Type.DOUBLE),
  PROGRESS_SHARE_CHANGE_YOY(Type.DOUBLE),
  DISTANCE_AVG_CHANGE_YOY(Type.DOUBLE),
  PERIOD(Type.TEXT),
  ORG_UNIT(Type.TEXT),
  VIA(Type.TEXT),
  GROUPING(Type.TEXT);

  /** Value types of report columns. */
  public enum Type {
    TEXT,
    LONG,
    DOUBLE,
    BOOLEAN
  }

  private final Type type;

  ReportColumn(Type type) {
    this.type = type;
  }

  public Type type() {
    return type;
  }

  /** The column name used in SQL, CSV and JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
