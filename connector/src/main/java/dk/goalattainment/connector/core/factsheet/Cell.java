package dk.goalattainment.connector.core.factsheet;

import java.util.Objects;

/**
 * The figures of one slice as the sheet shows them: N (unik cpr), Gns. målopfyldelse with its 95 %
 * interval and the low-N flag — or withheld (every figure null) where the source suppresses it. A
 * slice without counted follow-ups has no cell at all.
 *
 * @param citizens N (unik cpr); null when withheld
 * @param attainment goal_attainment_avg (0–1); null when withheld
 * @param ciLow lower bound of its 95 % interval; null when withheld, not published or N &lt; 2
 * @param ciHigh upper bound; null likewise
 * @param lowN fewer than 20 citizens (the engine's flag)
 * @param withheld suppressed by disclosure control
 */
public record Cell(
    Long citizens, Double attainment, Double ciLow, Double ciHigh, boolean lowN, boolean withheld) {
  public Cell {
    if (withheld) {
      if (citizens != null || attainment != null || ciLow != null || ciHigh != null || lowN) {
        throw new IllegalArgumentException("a withheld cell carries no figure");
      }
    } else {
      Objects.requireNonNull(citizens, "citizens");
      if ((ciLow == null) != (ciHigh == null)) {
        throw new IllegalArgumentException("an interval has both bounds or none");
      }
    }
  }

  /** A published cell. */
  public static Cell of(
      long citizens, Double attainment, Double ciLow, Double ciHigh, boolean lowN) {
    return new Cell(citizens, attainment, ciLow, ciHigh, lowN, false);
  }

  /** A cell withheld by disclosure control. */
  public static Cell suppressed() {
    return new Cell(null, null, null, null, false, true);
  }

  /** Whether the cell carries a 95 % interval. */
  public boolean hasInterval() {
    return ciLow != null;
  }
}
