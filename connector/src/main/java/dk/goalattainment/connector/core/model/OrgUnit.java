package dk.goalattainment.connector.core.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A node of the org tree. {@code parentId} is null at the root, {@code role} null for a node that
 * only groups others, {@code validTo} null while the unit is open (else its last valid day), {@code
 * level} null when the input gave none (then {@link OrgLevels} derives it).
 */
public record OrgUnit(
    String unitId,
    String name,
    String parentId,
    UnitRole role,
    LocalDate validFrom,
    LocalDate validTo,
    OrgLevel level) {
  public OrgUnit {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(validFrom, "validFrom");
    if (validTo != null && validTo.isBefore(validFrom)) {
      throw new IllegalArgumentException("validTo before validFrom");
    }
  }

  /** A unit without a given level. */
  public OrgUnit(
      String unitId,
      String name,
      String parentId,
      UnitRole role,
      LocalDate validFrom,
      LocalDate validTo) {
    this(unitId, name, parentId, role, validFrom, validTo, null);
  }

  /** Whether the unit has closed on or before the given day. */
  public boolean closedBy(LocalDate day) {
    return validTo != null && validTo.isBefore(day);
  }
}
