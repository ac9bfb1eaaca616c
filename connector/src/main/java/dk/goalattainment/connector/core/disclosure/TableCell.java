package dk.goalattainment.connector.core.disclosure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One cell of a table to publish, before disclosure control: its key, its number of distinct
 * citizens, its additive counts (e.g. {@link Dimensions#GOALS_FOLLOWED_UP}, {@link
 * Dimensions#GOALS_MET}) and any other, non-additive figures (means, shares …; a null value is
 * allowed there). Every cell of one table must carry the same count names.
 *
 * @param counts additive counts by name, each {@code >= 0}
 * @param measures other figures by name; withheld together with the counts
 */
public record TableCell(
    CellKey key, long citizens, Map<String, Long> counts, Map<String, Double> measures) {
  public TableCell {
    Objects.requireNonNull(key, "key");
    if (citizens < 0) {
      throw new IllegalArgumentException("citizens must be >= 0 in " + key);
    }
    Objects.requireNonNull(counts, "counts");
    counts.forEach(
        (name, value) -> {
          if (value == null || value < 0) {
            throw new IllegalArgumentException(
                "count " + name + " must be a number >= 0 in " + key);
          }
        });
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    measures =
        measures == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(measures)); // nulls allowed
  }

  /** A cell with the two standard goal counts and no other figures. */
  public static TableCell of(CellKey key, long citizens, long goalsFollowedUp, long goalsMet) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(Dimensions.GOALS_FOLLOWED_UP, goalsFollowedUp);
    counts.put(Dimensions.GOALS_MET, goalsMet);
    return new TableCell(key, citizens, counts, Map.of());
  }

  /** The value of a count. */
  public long count(String name) {
    Long v = counts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no count " + name + " in " + key);
    }
    return v;
  }
}
