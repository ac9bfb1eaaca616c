package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.util.Objects;

/**
 * One figure's slice on the sheet: period, view, org node (its whole subtree), and optionally an
 * effect goal or a life theme (null = all). Every other dimension is "all".
 */
public record Slice(Period period, Via via, String org, String effectGoal, String lifeTheme) {
  public Slice {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(org, "org");
  }

  /** Everything at an org node in a period. */
  public static Slice total(Period period, Via via, String org) {
    return new Slice(period, via, org, null, null);
  }

  /** The same slice in another period. */
  public Slice in(Period other) {
    return new Slice(other, via, org, effectGoal, lifeTheme);
  }
}
