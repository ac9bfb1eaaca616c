package dk.goalattainment.connector.core.model;

import java.util.Locale;
import java.util.Optional;

/** The role of an org unit; a node that only groups others has none (an empty role). */
public enum UnitRole {
  /** Case authority. */
  MYNDIGHED,
  /** Provider. */
  UDFOERER,
  /** External provider. */
  EKSTERN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role for a code, or empty if the code is unknown. */
  public static Optional<UnitRole> fromCode(String code) {
    for (UnitRole role : values()) {
      if (role.code().equals(code)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
