package dk.goalattainment.connector.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optional filters of a slice besides period and org node, by goal column; null means all.
 *
 * @param effectGoal effect goal code
 * @param lifeTheme life theme code
 * @param targetGroup target group code
 * @param goalType goal type code
 * @param ageBand age band code
 */
public record Filters(
    String effectGoal, String lifeTheme, String targetGroup, String goalType, String ageBand) {
  public static final Filters NONE = new Filters(null, null, null, null, null);

  /** The filters that are set, by goal column name, in a fixed order. */
  public Map<String, String> byColumn() {
    Map<String, String> map = new LinkedHashMap<>();
    put(map, "effect_goal", effectGoal);
    put(map, "life_theme", lifeTheme);
    put(map, "target_group", targetGroup);
    put(map, "goal_type", goalType);
    put(map, "age_band", ageBand);
    return map;
  }

  private static void put(Map<String, String> map, String column, String value) {
    if (value != null && !value.isBlank()) {
      map.put(column, value);
    }
  }
}
