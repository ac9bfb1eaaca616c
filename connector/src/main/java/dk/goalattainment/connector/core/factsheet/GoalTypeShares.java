package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.model.GoalType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Met and unmet goals per goal type as shares of all goals followed up in the slice (domain.md §3
 * {@code goal_type_share}: the six shares add up to 100 %), or withheld.
 *
 * @param met share of all goals that are met goals of the type, by type
 * @param unmet share of all goals that are unmet goals of the type, by type
 * @param withheld whether the source withholds them
 */
public record GoalTypeShares(
    Map<GoalType, Double> met, Map<GoalType, Double> unmet, boolean withheld) {
  public GoalTypeShares {
    met = copy(met);
    unmet = copy(unmet);
    if (withheld && (!met.isEmpty() || !unmet.isEmpty())) {
      throw new IllegalArgumentException("withheld shares carry no figure");
    }
  }

  /** Shares withheld by disclosure control. */
  public static GoalTypeShares suppressed() {
    return new GoalTypeShares(Map.of(), Map.of(), true);
  }

  private static Map<GoalType, Double> copy(Map<GoalType, Double> m) {
    EnumMap<GoalType, Double> copy = new EnumMap<>(GoalType.class);
    if (m != null) {
      copy.putAll(m);
    }
    return Collections.unmodifiableMap(copy);
  }
}
