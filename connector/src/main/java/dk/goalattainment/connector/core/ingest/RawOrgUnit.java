package dk.goalattainment.connector.core.ingest;

/** An org unit as it arrives: every field as text, blank or null when absent. */
public record RawOrgUnit(
    String unitId, String name, String parentId, String role, String validFrom, String validTo) {
  /** The input field names, in the order of the documented CSV header. */
  public static final java.util.List<String> FIELDS =
      java.util.List.of("unit_id", "name", "parent_id", "role", "valid_from", "valid_to");
}
