package dk.goalattainment.connector.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The levels of the org tree, top to bottom: the codes of {@code catalogue.yaml}'s {@code
 * org_levels} (whose labels are configuration, the codes are not: dashboards select nodes by them).
 * A unit's level is data: given with the unit, or derived by {@link OrgLevels}.
 */
public enum OrgLevel {
  KOMMUNE,
  FORVALTNING,
  DRIFTSOMRAADE,
  ENHED,
  TEAM;

  /** The code, e.g. {@code driftsomraade}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level for a code, or empty if the code is unknown. */
  public static Optional<OrgLevel> fromCode(String code) {
    for (OrgLevel level : values()) {
      if (level.code().equals(code)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  /** The level above this one; {@link #KOMMUNE} stays the top. */
  public OrgLevel above() {
    return this == KOMMUNE ? KOMMUNE : values()[ordinal() - 1];
  }

  /** The level below this one; {@link #TEAM} stays the bottom. */
  public OrgLevel below() {
    return this == TEAM ? TEAM : values()[ordinal() + 1];
  }

  /** Whether this level lies above {@code other} in the tree. */
  public boolean isAbove(OrgLevel other) {
    return ordinal() < other.ordinal();
  }
}
