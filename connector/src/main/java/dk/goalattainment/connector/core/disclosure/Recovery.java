package dk.goalattainment.connector.core.disclosure;

import java.util.Objects;

/**
 * A withheld value that an attacker can work out from the published cells.
 *
 * @param kind how it is found
 * @param cell the withheld cell; for a remainder, the total whose remainder it is
 * @param remainderDimension null for a cell; for a total's unpublished remainder (an org node's own
 *     part) the dimension of its group
 * @param count the additive count that is recovered
 * @param value the value recovered (kept out of {@link #describe()} and {@link #toString()}, so
 *     that reports and logs do not repeat it)
 */
public record Recovery(
    Kind kind, CellKey cell, String remainderDimension, String count, long value) {

  /** How a withheld value is found. */
  public enum Kind {
    /**
     * Uniquely determined by a linear combination of the group equations (total = Σ members) and
     * the published values: subtraction within one group or across several.
     */
    LINEAR,
    /**
     * Not determined by the equations alone, but forced to zero because counts cannot be negative:
     * a combination of equations says that a sum of withheld values with positive coefficients is
     * zero.
     */
    SIGN_FORCED
  }

  public Recovery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(count, "count");
  }

  /** Whether the recovered value is a total's unpublished remainder rather than a cell. */
  public boolean isRemainder() {
    return remainderDimension != null;
  }

  /** What is recovered, without the value. */
  public String describe() {
    String what =
        isRemainder()
            ? "the unpublished own part/remainder (by " + remainderDimension + ") of [" + cell + "]"
            : "[" + cell + "]";
    return count
        + " of "
        + what
        + (kind == Kind.LINEAR ? " is recoverable" : " is forced to zero by non-negativity");
  }

  @Override
  public String toString() {
    return describe();
  }
}
