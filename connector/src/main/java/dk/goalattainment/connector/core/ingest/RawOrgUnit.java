package dk.goalattainment.connector.core.ingest;

import java.util.List;

/**
 * An org unit as it arrives: every field as text, blank or null when absent. {@code level} is
 * optional: a code of the catalogue's org levels ({@code kommune}, {@code forvaltning}, {@code
 * driftsomraade}, {@code enhed}, {@code team}); without it the level is derived ({@code
 * OrgLevels}).
 */
public record RawOrgUnit(
    String unitId,
    String name,
    String parentId,
    String role,
    String validFrom,
    String validTo,
    String level) {
  /** The input field names, in the order of the documented CSV header. */
  public static final List<String> FIELDS =
      List.of("unit_id", "name", "parent_id", "role", "valid_from", "valid_to", "level");

  /** A unit without a given level. */
  public RawOrgUnit(
      String unitId, String name, String parentId, String role, String validFrom, String validTo) {
    this(unitId, name, parentId, role, validFrom, validTo, null);
  }
}
