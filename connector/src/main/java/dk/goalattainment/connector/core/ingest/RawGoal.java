package dk.goalattainment.connector.core.ingest;

/** A goal as it arrives: every field as text, blank or null when absent. Holds a CPR number. */
public record RawGoal(
    String goalId,
    String cpr,
    String targetGroup,
    String lifeTheme,
    String goalType,
    String baselineScore,
    String targetScore,
    String setDate,
    String dueDate,
    String authorityUnitId,
    String providerUnitId) {
  /** The input field names, in the order of the documented CSV header. */
  public static final java.util.List<String> FIELDS =
      java.util.List.of(
          "goal_id",
          "cpr",
          "target_group",
          "life_theme",
          "goal_type",
          "baseline_score",
          "target_score",
          "set_date",
          "due_date",
          "authority_unit_id",
          "provider_unit_id");

  /** Never prints the CPR number. */
  @Override
  public String toString() {
    return "RawGoal[goalId=" + goalId + ", cpr=hidden]";
  }
}
