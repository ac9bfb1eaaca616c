package dk.goalattainment.connector.core.disclosure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table after disclosure control: its cells in the order given, the groups it was checked
 * against, and the threshold used.
 *
 * @param threshold the minimum number of distinct citizens of a published cell
 * @param cells every cell, published or withheld, in the input order
 * @param groups the additive groups used (the audit needs them)
 */
public record DisclosureResult(
    int threshold, List<PublishedCell> cells, List<AdditiveGroup> groups) {
  public DisclosureResult {
    cells = List.copyOf(cells);
    groups = List.copyOf(groups);
  }

  /** The cells by key. */
  public Map<CellKey, PublishedCell> byKey() {
    Map<CellKey, PublishedCell> map = new LinkedHashMap<>();
    cells.forEach(c -> map.put(c.key(), c));
    return map;
  }

  /** The cell with a key. */
  public PublishedCell cell(CellKey key) {
    PublishedCell c = byKey().get(key);
    return Objects.requireNonNull(c, () -> "no cell " + key);
  }

  /** Number of cells withheld for the given reason. */
  public long count(SuppressionReason reason) {
    return cells.stream().filter(c -> c.reason() == reason).count();
  }
}
