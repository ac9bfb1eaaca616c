package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.util.List;
import java.util.Optional;

/**
 * Port: where a fact sheet's figures come from. {@link EngineFigures} reads the engine's reports
 * (the same figures as {@code report}, REST and the Superset datasets); the public variant reads
 * the disclosure-controlled open-data table and answers only what that table publishes.
 */
public interface SheetFigures {
  /** A child node of the sheet's org node with figures in a period, in the engine's order. */
  record Child(String unitId, String label, Cell cell) {}

  /**
   * The figures of a slice; empty when it has no counted follow-ups, or when the source does not
   * publish the slice at all.
   */
  Optional<Cell> cell(Slice slice);

  /** The children of {@code org} with figures in the period (withheld ones included). */
  List<Child> children(Period period, Via via, String org);

  /** Met and unmet goals per goal type at a slice without effect goal or theme. */
  Optional<GoalTypeShares> goalTypes(Slice slice);

  /** How Gns. målopfyldelse moved from {@code previous} to {@code current} ({@link Change}). */
  Change change(Slice current, Slice previous);

  /** Whether the source publishes figures for this period and org node at all. */
  boolean covers(Period period, String org);

  /** Whether these are the disclosure-controlled public figures (no intervals shown). */
  boolean isPublic();
}
