package dk.goalattainment.connector.core.disclosure;

import java.util.List;

/** The names of the dimensions of a published table and of its standard figures. */
public final class Dimensions {
  /** The value of a dimension that means "all of it". */
  public static final String ALL = "*";

  public static final String PERIOD = "period";
  public static final String VIA = "via";
  public static final String ORG_UNIT = "org_unit";
  public static final String EFFECT_GOAL = "effect_goal";
  public static final String LIFE_THEME = "life_theme";
  public static final String TARGET_GROUP = "target_group";
  public static final String GOAL_TYPE = "goal_type";

  /** Additive count: counted follow-ups (one per goal). */
  public static final String GOALS_FOLLOWED_UP = "goals_followed_up";

  /** Additive count: counted follow-ups whose goal was met. */
  public static final String GOALS_MET = "goals_met";

  /**
   * The dimensions whose values are flat categories of a goal, each goal having exactly one, so
   * that their member cells add up to the cell with {@code "*"}.
   */
  public static final List<String> DEFAULT_CATEGORICAL = List.of(TARGET_GROUP, GOAL_TYPE);

  private Dimensions() {}
}
