package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.core.model.Via;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a fact sheet is about and the texts around its figures.
 *
 * @param periods the periods shown ({@link SheetPeriods})
 * @param org the org node's id
 * @param via the view of the table and the charts (the unit lists show both)
 * @param title the sheet's title
 * @param budgetGoal the budget goal's text
 * @param computedAt when the figures were computed
 * @param criterion the success criterion of Gns. målopfyldelse, or null
 * @param units every org unit by id (names, roles)
 * @param threshold the public sheet's suppression threshold K, or null for the full sheet
 */
public record SheetRequest(
    SheetPeriods periods,
    String org,
    Via via,
    String title,
    String budgetGoal,
    Instant computedAt,
    Criterion criterion,
    Map<String, OrgUnit> units,
    Integer threshold) {
  public SheetRequest {
    Objects.requireNonNull(periods, "periods");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(budgetGoal, "budgetGoal");
    Objects.requireNonNull(computedAt, "computedAt");
    units = Map.copyOf(units);
    if (!units.containsKey(org)) {
      throw new IllegalArgumentException("the org node must be one of the units");
    }
  }

  /** The org node. */
  public OrgUnit orgUnit() {
    return units.get(org);
  }

  /**
   * A success criterion of Gns. målopfyldelse ({@code metrics.yaml}).
   *
   * @param target the share to reach (0–1)
   * @param deadline by when, or null
   * @param org the node it is set for
   * @param scope that node and every unit under it: where the sheet marks units against it
   */
  public record Criterion(double target, LocalDate deadline, String org, Set<String> scope) {
    public Criterion {
      Objects.requireNonNull(org, "org");
      scope = Set.copyOf(scope);
    }
  }
}
