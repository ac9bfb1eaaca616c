package dk.goalattainment.connector.core.model;

import java.util.Locale;
import java.util.Optional;

/** How a report splits a slice into rows. */
public enum Grouping {
  NONE(null),
  EFFECT_GOAL("effect_goal"),
  LIFE_THEME("life_theme"),
  GOAL_TYPE("goal_type"),
  TARGET_GROUP("target_group"),
  AGE_BAND("age_band"),
  /** One row per child of the org node (its whole subtree), keyed by the child's unit id. */
  ORG_CHILD(null);

  private final String goalColumn;

  Grouping(String goalColumn) {
    this.goalColumn = goalColumn;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The goal column the grouping reads, or null for {@link #NONE} and {@link #ORG_CHILD}. */
  public String goalColumn() {
    return goalColumn;
  }

  public static Optional<Grouping> fromCode(String code) {
    for (Grouping grouping : values()) {
      if (grouping.code().equals(code)) {
        return Optional.of(grouping);
      }
    }
    return Optional.empty();
  }
}
