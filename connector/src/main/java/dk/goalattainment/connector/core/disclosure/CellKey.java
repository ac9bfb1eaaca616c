package dk.goalattainment.connector.core.disclosure;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The dimension values that identify a cell, e.g. {@code period=2018-Q4, org_unit=FBU,
 * effect_goal=NM}. A dimension that is absent, or given as {@link Dimensions#ALL}, means all of it;
 * both spellings give equal keys. Keys order by their canonical text, which makes every tie-break
 * in this package deterministic.
 */
public final class CellKey implements Comparable<CellKey> {
  private final SortedMap<String, String> values;
  private final String text;

  private CellKey(SortedMap<String, String> values) {
    this.values = Collections.unmodifiableSortedMap(values);
    StringBuilder b = new StringBuilder();
    values.forEach(
        (d, v) -> {
          if (b.length() > 0) {
            b.append(", ");
          }
          b.append(escape(d)).append('=').append(escape(v));
        });
    this.text = b.length() == 0 ? "(all)" : b.toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }

  /** A key from dimension → value; entries whose value is {@code "*"} are dropped. */
  public static CellKey of(Map<String, String> values) {
    TreeMap<String, String> copy = new TreeMap<>();
    values.forEach(
        (d, v) -> {
          Objects.requireNonNull(d, "dimension");
          Objects.requireNonNull(v, () -> "value of " + d);
          if (!Dimensions.ALL.equals(v)) {
            copy.put(d, v);
          }
        });
    return new CellKey(copy);
  }

  /** A key from alternating dimension names and values: {@code of("org_unit", "FBU", …)}. */
  public static CellKey of(String... dimensionValuePairs) {
    if (dimensionValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("dimension/value pairs expected");
    }
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < dimensionValuePairs.length; i += 2) {
      map.put(dimensionValuePairs[i], dimensionValuePairs[i + 1]);
    }
    return of(map);
  }

  /** The value of a dimension, {@link Dimensions#ALL} when the key does not restrict it. */
  public String get(String dimension) {
    return values.getOrDefault(dimension, Dimensions.ALL);
  }

  /** Whether the key covers all of a dimension. */
  public boolean isAll(String dimension) {
    return !values.containsKey(dimension);
  }

  /** This key with one dimension set to a value ({@link Dimensions#ALL} removes it). */
  public CellKey with(String dimension, String value) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    if (Dimensions.ALL.equals(value)) {
      copy.remove(dimension);
    } else {
      copy.put(dimension, value);
    }
    return new CellKey(copy);
  }

  /** The restricted dimensions (those not {@code "*"}), sorted by name. */
  public SortedMap<String, String> values() {
    return values;
  }

  @Override
  public int compareTo(CellKey o) {
    return text.compareTo(o.text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CellKey k && text.equals(k.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /**
   * The canonical text, e.g. {@code effect_goal=NM, org_unit=FBU, period=2018-Q4} (a backslash
   * escapes {@code \\}, {@code ,} and {@code =} inside names and values, so the text is unique).
   */
  @Override
  public String toString() {
    return text;
  }
}
