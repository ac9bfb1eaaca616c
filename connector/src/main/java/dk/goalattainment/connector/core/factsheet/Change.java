package dk.goalattainment.connector.core.factsheet;

import java.util.Objects;
import java.util.Optional;

/**
 * How Gns. målopfyldelse moved between two periods of the same slice. The sheet only claims a rise
 * or a fall when the two 95 % intervals do not overlap; a change inside them is "uændret".
 *
 * @param verdict the judgement
 * @param current the later period's cell, or null
 * @param previous the earlier period's cell, or null
 */
public record Change(Verdict verdict, Cell current, Cell previous) {
  /** The judgements of a change. */
  public enum Verdict {
    /** The later interval lies wholly above the earlier one. */
    UP("+"),
    /** The later interval lies wholly below the earlier one. */
    DOWN("−"),
    /** The intervals overlap: no change that the figures support. */
    UNCHANGED("="),
    /** Both have figures, but a side has no interval (fewer than 2 citizens, or not published). */
    NOT_ASSESSABLE("?"),
    /** A side has no figure: no follow-ups, or withheld. */
    NO_COMPARISON("·");

    private final String mark;

    Verdict(String mark) {
      this.mark = mark;
    }

    /** The mark in the unit lists. */
    public String mark() {
      return mark;
    }
  }

  public Change {
    Objects.requireNonNull(verdict, "verdict");
  }

  /** The rule: compares the intervals of two cells. */
  public static Change between(Optional<Cell> current, Optional<Cell> previous) {
    Cell c = current.orElse(null);
    Cell p = previous.orElse(null);
    if (c == null
        || p == null
        || c.withheld()
        || p.withheld()
        || c.attainment() == null
        || p.attainment() == null) {
      return new Change(Verdict.NO_COMPARISON, c, p);
    }
    if (!c.hasInterval() || !p.hasInterval()) {
      return new Change(Verdict.NOT_ASSESSABLE, c, p);
    }
    if (c.ciLow() > p.ciHigh()) {
      return new Change(Verdict.UP, c, p);
    }
    if (c.ciHigh() < p.ciLow()) {
      return new Change(Verdict.DOWN, c, p);
    }
    return new Change(Verdict.UNCHANGED, c, p);
  }

  /** The same verdict about other cells (the published ones of the same slices). */
  public Change about(Cell current, Cell previous) {
    return new Change(verdict, current, previous);
  }
}
