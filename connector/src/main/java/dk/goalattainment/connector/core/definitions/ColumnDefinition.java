package dk.goalattainment.connector.core.definitions;

/**
 * A column of a dataset.
 *
 * @param name column name in the materialised table
 * @param type SQL type family: VARCHAR, INTEGER, BIGINT, DOUBLE, DATE, BOOLEAN
 * @param label the Danish label (Superset's verbose name)
 * @param description what the column holds, for data teams
 * @param role {@code dimension} or {@code measure}
 * @param temporal whether the column is a time column
 * @param catalogue the catalogue dimension whose codes the column holds ({@code effect_goal},
 *     {@code life_theme}, {@code target_group}, {@code goal_type}, {@code age_band}), if any; "*"
 *     means all
 */
public record ColumnDefinition(
    String name,
    String type,
    String label,
    String description,
    String role,
    Boolean temporal,
    String catalogue) {
  public boolean isTemporal() {
    return Boolean.TRUE.equals(temporal);
  }
}
