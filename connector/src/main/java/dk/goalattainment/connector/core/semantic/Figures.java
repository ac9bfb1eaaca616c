package dk.goalattainment.connector.core.semantic;

import static dk.goalattainment.connector.core.semantic.Measure.ATTAINMENT_SHARE_SQ_SUM;
import static dk.goalattainment.connector.core.semantic.Measure.ATTAINMENT_SHARE_SUM;
import static dk.goalattainment.connector.core.semantic.Measure.CITIZENS;
import static dk.goalattainment.connector.core.semantic.Measure.DISTANCE_SUM;
import static dk.goalattainment.connector.core.semantic.Measure.FOLLOWUPS_ON_TIME;
import static dk.goalattainment.connector.core.semantic.Measure.FOLLOWUPS_OVERDUE;
import static dk.goalattainment.connector.core.semantic.Measure.GOALS_DUE;
import static dk.goalattainment.connector.core.semantic.Measure.GOALS_FOLLOWED_UP;
import static dk.goalattainment.connector.core.semantic.Measure.GOALS_MET;
import static dk.goalattainment.connector.core.semantic.Measure.GOALS_WITH_PROGRESS;
import static dk.goalattainment.connector.core.semantic.Measure.LIMITED_DECLINE_MET;
import static dk.goalattainment.connector.core.semantic.Measure.LIMITED_DECLINE_UNMET;
import static dk.goalattainment.connector.core.semantic.Measure.MAINTENANCE_MET;
import static dk.goalattainment.connector.core.semantic.Measure.MAINTENANCE_UNMET;
import static dk.goalattainment.connector.core.semantic.Measure.PROGRESSION_MET;
import static dk.goalattainment.connector.core.semantic.Measure.PROGRESSION_UNMET;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's figures (domain.md §3), each declared once over the additive measures. Adding a
 * figure is one line here; the report, the cube and the BI metrics render it from this list.
 */
public final class Figures {
  /** Citizens below this count flag a slice {@code low_n}. */
  public static final int LOW_N_BELOW = 20;

  public static final Figure.Count CITIZENS_COUNT = new Figure.Count("citizens", CITIZENS);
  public static final Figure.MeanOverCitizens GOAL_ATTAINMENT_AVG =
      new Figure.MeanOverCitizens(
          "goal_attainment_avg",
          ATTAINMENT_SHARE_SUM,
          ATTAINMENT_SHARE_SQ_SUM,
          CITIZENS,
          "goal_attainment");
  public static final Figure.Count GOALS_FOLLOWED_UP_COUNT =
      new Figure.Count("goals_followed_up", GOALS_FOLLOWED_UP);
  public static final Figure.Count GOALS_MET_COUNT = new Figure.Count("goals_met", GOALS_MET);
  public static final Figure.Ratio GOALS_MET_SHARE =
      new Figure.Ratio("goals_met_share", GOALS_MET, GOALS_FOLLOWED_UP, "goals_met_share");
  public static final Figure.Ratio PROGRESS_SHARE =
      new Figure.Ratio("progress_share", GOALS_WITH_PROGRESS, GOALS_FOLLOWED_UP, "progress_share");
  public static final Figure.Ratio DISTANCE_AVG =
      new Figure.Ratio("distance_avg", DISTANCE_SUM, GOALS_FOLLOWED_UP, null);
  public static final Figure.Below LOW_N = new Figure.Below("low_n", CITIZENS, LOW_N_BELOW);
  public static final Figure.Count GOALS_DUE_COUNT = new Figure.Count("goals_due", GOALS_DUE);
  public static final Figure.Ratio FOLLOWUP_ON_TIME_SHARE =
      new Figure.Ratio("followup_on_time_share", FOLLOWUPS_ON_TIME, GOALS_DUE, "followup_on_time");
  public static final Figure.Count FOLLOWUPS_OVERDUE_COUNT =
      new Figure.Count("followups_overdue", FOLLOWUPS_OVERDUE);

  /** The figures of a report and of the cube, in report order. */
  public static final List<Figure> REPORTED =
      List.of(
          CITIZENS_COUNT,
          GOAL_ATTAINMENT_AVG,
          GOALS_FOLLOWED_UP_COUNT,
          GOALS_MET_COUNT,
          GOALS_MET_SHARE,
          PROGRESS_SHARE,
          DISTANCE_AVG,
          LOW_N,
          new Figure.Ratio("progression_met_share", PROGRESSION_MET, GOALS_FOLLOWED_UP, null),
          new Figure.Ratio("progression_unmet_share", PROGRESSION_UNMET, GOALS_FOLLOWED_UP, null),
          new Figure.Ratio("maintenance_met_share", MAINTENANCE_MET, GOALS_FOLLOWED_UP, null),
          new Figure.Ratio("maintenance_unmet_share", MAINTENANCE_UNMET, GOALS_FOLLOWED_UP, null),
          new Figure.Ratio(
              "limited_decline_met_share", LIMITED_DECLINE_MET, GOALS_FOLLOWED_UP, null),
          new Figure.Ratio(
              "limited_decline_unmet_share", LIMITED_DECLINE_UNMET, GOALS_FOLLOWED_UP, null),
          GOALS_DUE_COUNT,
          FOLLOWUP_ON_TIME_SHARE,
          FOLLOWUPS_OVERDUE_COUNT);

  /** Counts the cube carries besides the reported figures (sums for BI metrics). */
  public static final List<Figure> CUBE_ONLY =
      List.of(
          new Figure.Difference("goals_unmet", GOALS_FOLLOWED_UP, GOALS_MET),
          new Figure.Count("goals_with_progress", GOALS_WITH_PROGRESS),
          new Figure.Count("distance_sum", DISTANCE_SUM),
          new Figure.Count("progression_met", PROGRESSION_MET),
          new Figure.Count("progression_unmet", PROGRESSION_UNMET),
          new Figure.Count("maintenance_met", MAINTENANCE_MET),
          new Figure.Count("maintenance_unmet", MAINTENANCE_UNMET),
          new Figure.Count("limited_decline_met", LIMITED_DECLINE_MET),
          new Figure.Count("limited_decline_unmet", LIMITED_DECLINE_UNMET),
          new Figure.Count("followups_on_time", FOLLOWUPS_ON_TIME));

  /**
   * The figures with change columns ({@code <id>_change_prev}, {@code <id>_change_yoy}): counts as
   * differences, shares and means in percentage points, distance as a difference.
   */
  public static final List<Change> CHANGED =
      List.of(
          new Change(CITIZENS_COUNT, false),
          new Change(GOAL_ATTAINMENT_AVG, true),
          new Change(GOALS_FOLLOWED_UP_COUNT, false),
          new Change(GOALS_MET_COUNT, false),
          new Change(GOALS_MET_SHARE, true),
          new Change(PROGRESS_SHARE, true),
          new Change(DISTANCE_AVG, false));

  private Figures() {}

  /** A figure's change against another slice's value of it. */
  public record Change(Figure figure, boolean percentagePoints) {
    /**
     * SQL of the change between two values of the figure (e.g. {@code c.goals_met_share} and {@code
     * pv.goals_met_share}); null when either is null.
     */
    public String sql(String cur, String other, SqlSyntax s) {
      String diff = "(" + cur + " - " + other + ")";
      if (figure.type() == Figure.Type.COUNT) {
        return diff;
      }
      return FixedPoint.round(percentagePoints ? diff + " * 100" : diff, s);
    }
  }

  /** Every figure column of {@code figures} (values and companions) over the given measures. */
  public static Map<String, String> columns(List<Figure> figures, MeasureRefs m, SqlSyntax s) {
    Map<String, String> c = new LinkedHashMap<>();
    for (Figure f : figures) {
      c.putAll(f.columns(m, s));
    }
    return c;
  }

  /**
   * The change columns with a suffix ({@code _change_prev}, {@code _change_yoy}) between the figure
   * values (columns named by figure id) of two table aliases.
   */
  public static Map<String, String> changes(String cur, String other, String suffix, SqlSyntax s) {
    Map<String, String> c = new LinkedHashMap<>();
    for (Change ch : CHANGED) {
      String id = ch.figure().id();
      c.put(id + suffix, ch.sql(cur + "." + id, other + "." + id, s));
    }
    return c;
  }

  /** The names of a figure's columns: its value, then its companions (intervals, deviation). */
  public static List<String> columnNames(Figure f) {
    return List.copyOf(f.columns(Measure::column, NO_SYNTAX).keySet());
  }

  /** Whether every measure of a figure is a follow-up measure (not a compliance one). */
  public static boolean onFollowUps(Figure f) {
    boolean[] other = {false};
    f.columns(
        m -> {
          other[0] |= m.side() != Measure.Side.FOLLOW_UPS;
          return "x";
        },
        NO_SYNTAX);
    return !other[0];
  }

  private static final SqlSyntax NO_SYNTAX =
      new SqlSyntax() {
        @Override
        public String doubleType() {
          return "DOUBLE";
        }

        @Override
        public String integerDivide(String dividend, String divisor) {
          return dividend + " / " + divisor;
        }
      };

  /** A reported or cube figure by its id. */
  public static Optional<Figure> byId(String id) {
    return java.util.stream.Stream.concat(REPORTED.stream(), CUBE_ONLY.stream())
        .filter(f -> f.id().equals(id))
        .findFirst();
  }
}
