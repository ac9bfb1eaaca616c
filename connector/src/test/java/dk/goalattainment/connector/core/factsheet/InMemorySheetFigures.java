package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory {@link SheetFigures} for the core's tests: cells by slice, children per period and
 * org node, the periods and nodes it publishes (all unless limited), public or full.
 */
public final class InMemorySheetFigures implements SheetFigures {
  private final Map<Slice, Cell> cells = new HashMap<>();
  private final Map<String, List<Child>> children = new HashMap<>();
  private final Set<Period> uncovered = new HashSet<>();
  private final boolean isPublic;

  public InMemorySheetFigures(boolean isPublic) {
    this.isPublic = isPublic;
  }

  /** The figures of a slice. */
  public InMemorySheetFigures with(Slice slice, Cell cell) {
    cells.put(slice, cell);
    return this;
  }

  /** A child of {@code org} with figures in a period. */
  public InMemorySheetFigures child(Period period, Via via, String org, Child child) {
    children.computeIfAbsent(period + "|" + via + "|" + org, k -> new ArrayList<>()).add(child);
    return this;
  }

  /** The source publishes nothing for this period. */
  public InMemorySheetFigures notPublishing(Period period) {
    uncovered.add(period);
    return this;
  }

  @Override
  public Optional<Cell> cell(Slice slice) {
    return Optional.ofNullable(cells.get(slice));
  }

  @Override
  public List<Child> children(Period period, Via via, String org) {
    return children.getOrDefault(period + "|" + via + "|" + org, List.of());
  }

  @Override
  public Optional<GoalTypeShares> goalTypes(Slice slice) {
    return Optional.empty();
  }

  @Override
  public Change change(Slice current, Slice previous) {
    return Change.between(cell(current), cell(previous));
  }

  @Override
  public boolean covers(Period period, String org) {
    return !uncovered.contains(period);
  }

  @Override
  public boolean isPublic() {
    return isPublic;
  }
}
