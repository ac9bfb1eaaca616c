package dk.goalattainment.connector.core.disclosure;

import java.util.Locale;

/** Why a cell is withheld. */
public enum SuppressionReason {
  /** The cell has fewer distinct citizens than the threshold. */
  PRIMARY,
  /** The cell could otherwise be recovered from published totals and siblings. */
  SECONDARY;

  /** The code used in published tables: {@code primary} or {@code secondary}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
