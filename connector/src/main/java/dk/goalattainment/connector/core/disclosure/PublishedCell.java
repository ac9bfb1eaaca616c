package dk.goalattainment.connector.core.disclosure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One cell after disclosure control. A published cell carries its figures; a withheld cell has
 * {@code citizens}, every count and every measure null, {@code suppressed} true and a {@link
 * SuppressionReason}.
 *
 * @param citizens distinct citizens, null when withheld
 * @param counts the additive counts by name; every value null when withheld
 * @param measures the other figures by name; every value null when withheld
 * @param reason why the cell is withheld, null when it is published
 */
public record PublishedCell(
    CellKey key,
    Long citizens,
    Map<String, Long> counts,
    Map<String, Double> measures,
    SuppressionReason reason) {
  public PublishedCell {
    Objects.requireNonNull(key, "key");
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
  }

  /** The cell as published: every figure kept. */
  public static PublishedCell published(TableCell cell) {
    return new PublishedCell(cell.key(), cell.citizens(), cell.counts(), cell.measures(), null);
  }

  /** The cell withheld: every figure null. */
  public static PublishedCell withheld(TableCell cell, SuppressionReason reason) {
    Objects.requireNonNull(reason, "reason");
    Map<String, Long> counts = new LinkedHashMap<>();
    cell.counts().keySet().forEach(k -> counts.put(k, null));
    Map<String, Double> measures = new LinkedHashMap<>();
    cell.measures().keySet().forEach(k -> measures.put(k, null));
    return new PublishedCell(cell.key(), null, counts, measures, reason);
  }

  /** Whether the cell is withheld. */
  public boolean suppressed() {
    return reason != null;
  }

  /** {@code primary}, {@code secondary}, or null when published. */
  public String suppressionReason() {
    return reason == null ? null : reason.code();
  }

  /** A count, null when withheld. */
  public Long count(String name) {
    return counts.get(name);
  }
}
