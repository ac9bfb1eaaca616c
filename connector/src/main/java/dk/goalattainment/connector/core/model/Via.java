package dk.goalattainment.connector.core.model;

import java.util.Locale;
import java.util.Optional;

/** Which hierarchy places a goal in the org tree: its authority unit or its provider unit. */
public enum Via {
  AUTHORITY("authority_unit_id"),
  PROVIDER("provider_unit_id");

  private final String goalColumn;

  Via(String goalColumn) {
    this.goalColumn = goalColumn;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The goal column holding the unit for this view. */
  public String goalColumn() {
    return goalColumn;
  }

  public static Optional<Via> fromCode(String code) {
    for (Via via : values()) {
      if (via.code().equals(code)) {
        return Optional.of(via);
      }
    }
    return Optional.empty();
  }
}
