package dk.goalattainment.connector.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The three goal types. The type follows from the scores: progression when the target is above the
 * baseline, maintenance when equal, limited decline when below.
 */
public enum GoalType {
  PROGRESSION,
  MAINTENANCE,
  LIMITED_DECLINE;

  private final String code = name().toLowerCase(Locale.ROOT);

  public String code() {
    return code;
  }

  /** The type that the rule gives for a baseline and a target score. */
  public static GoalType derive(int baselineScore, int targetScore) {
    if (targetScore > baselineScore) {
      return PROGRESSION;
    }
    return targetScore == baselineScore ? MAINTENANCE : LIMITED_DECLINE;
  }

  public static Optional<GoalType> fromCode(String code) {
    for (GoalType type : values()) {
      if (type.code().equals(code)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
