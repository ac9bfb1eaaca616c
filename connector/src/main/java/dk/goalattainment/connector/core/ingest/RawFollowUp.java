package dk.goalattainment.connector.core.ingest;

/** A follow-up as it arrives: every field as text, blank or null when absent. */
public record RawFollowUp(String followupId, String goalId, String followupDate, String score) {
  /** The input field names, in the order of the documented CSV header. */
  public static final java.util.List<String> FIELDS =
      java.util.List.of("followup_id", "goal_id", "followup_date", "score");
}
