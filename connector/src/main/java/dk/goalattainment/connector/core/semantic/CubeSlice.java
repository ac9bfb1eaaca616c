package dk.goalattainment.connector.core.semantic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which rows of the attainment cube (ADR 0007) a query reads, over the cube's catalogue dimensions
 * (target group, effect goal, life theme, goal type). The cube's slice rule, in one place for the
 * build ({@code DatasetSql}), every reader of the cube and the dashboard compiler:
 *
 * <ul>
 *   <li>{@code *} is the "all" member of a dimension, and every row is computed over its own
 *       citizens, so rows of one dimension overlap: a query reads exactly one member of every
 *       dimension it neither fixes nor groups by, the {@code *} member;
 *   <li>a dimension the query groups by reads every member but {@code *} ({@link Kind#EACH});
 *   <li>a theme's rows carry their effect goal: when the query fixes or groups by the life theme,
 *       the effect goal is left free unless the query fixes it too.
 * </ul>
 *
 * <p>A dimension may also be {@link Kind#FREE}: no condition here, because another part of the
 * query sets it (a dashboard's required native filter) or because the query wants every member,
 * {@code *} included (a table of totals and their parts).
 */
public final class CubeSlice {
  /** The "all" member of a dimension. */
  public static final String ALL = "*";

  /** The cube's catalogue dimensions, in key order. */
  public static final List<String> DIMENSIONS =
      List.of("target_group", "effect_goal", "life_theme", "goal_type");

  /** What a query reads of one dimension. */
  public enum Kind {
    /** The {@code *} row only. */
    ALL,
    /** One member. */
    VALUE,
    /** Every member but {@code *}: the query groups by the dimension. */
    EACH,
    /** No condition. */
    FREE
  }

  /**
   * One condition on a dimension column.
   *
   * @param column the dimension column
   * @param equal {@code =} when true, {@code <>} otherwise
   * @param value the code compared with ({@code *} or a catalogue code)
   */
  public record Condition(String column, boolean equal, String value) {
    public Condition {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(value, "value");
    }

    /** The condition with the value as a bound parameter: {@code column = ?}. */
    public String sql() {
      return column + (equal ? " = ?" : " <> ?");
    }

    /** The condition with the value as a quoted literal, for generated SQL without parameters. */
    public String literalSql() {
      return column + (equal ? " = '" : " <> '") + value.replace("'", "''") + "'";
    }
  }

  private final Map<String, Kind> kinds;
  private final Map<String, String> values;
  private final List<Condition> conditions;

  private CubeSlice(Map<String, Kind> kinds, Map<String, String> values) {
    this.kinds = kinds;
    this.values = values;
    this.conditions = computeConditions();
  }

  /**
   * The slice a report reads: the dimension it groups by (a cube dimension or anything else, e.g.
   * {@code null} or an org grouping, which sets no dimension) and its filters (column → code; those
   * that are not cube dimensions are ignored here).
   */
  public static CubeSlice forReport(String groupedBy, Map<String, String> filters) {
    CubeSlice slice = total();
    for (String dim : DIMENSIONS) {
      if (dim.equals(groupedBy)) {
        slice = slice.grouped(dim);
      } else if (filters.containsKey(dim)) {
        slice = slice.fixed(dim, filters.get(dim));
      }
    }
    return slice;
  }

  /** Every dimension at {@code *}: one slice's total row. */
  public static CubeSlice total() {
    return new CubeSlice(new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /** This slice with {@code dimension} fixed to {@code code} ({@code *} reads the total row). */
  public CubeSlice fixed(String dimension, String code) {
    Objects.requireNonNull(code, "code");
    return with(dimension, ALL.equals(code) ? Kind.ALL : Kind.VALUE, code);
  }

  /** This slice grouped by {@code dimension}: every member but {@code *}. */
  public CubeSlice grouped(String dimension) {
    return with(dimension, Kind.EACH, null);
  }

  /** This slice with no condition on {@code dimension}. */
  public CubeSlice free(String dimension) {
    return with(dimension, Kind.FREE, null);
  }

  private CubeSlice with(String dimension, Kind kind, String value) {
    if (!DIMENSIONS.contains(dimension)) {
      throw new IllegalArgumentException(
          "not a dimension of the cube: " + dimension + " (one of " + DIMENSIONS + ")");
    }
    Map<String, Kind> k = new LinkedHashMap<>(kinds);
    Map<String, String> v = new LinkedHashMap<>(values);
    k.put(dimension, kind);
    if (value == null) {
      v.remove(dimension);
    } else {
      v.put(dimension, value);
    }
    return new CubeSlice(k, v);
  }

  /** What the slice reads of {@code dimension}, with the theme rule applied. */
  public Kind kind(String dimension) {
    Kind explicit = kinds.get(dimension);
    if (explicit != null) {
      return explicit;
    }
    if ("effect_goal".equals(dimension) && kinds.getOrDefault("life_theme", Kind.ALL) != Kind.ALL) {
      return Kind.FREE; // a theme's rows carry their effect goal
    }
    return Kind.ALL;
  }

  /** The conditions, in {@link #DIMENSIONS} order; a free dimension has none. */
  public List<Condition> conditions() {
    return conditions;
  }

  private List<Condition> computeConditions() {
    List<Condition> out = new ArrayList<>();
    for (String d : DIMENSIONS) {
      switch (kind(d)) {
        case ALL -> out.add(new Condition(d, true, ALL));
        case VALUE -> out.add(new Condition(d, true, values.get(d)));
        case EACH -> out.add(new Condition(d, false, ALL));
        case FREE -> {}
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether a row of the cube (column → code) lies in the slice: the {@link #conditions()}
   * evaluated in memory, for readers of cells already read (the published open-data table).
   */
  public boolean matches(Map<String, ?> row) {
    for (Condition c : conditions) {
      if (Objects.equals(c.value(), row.get(c.column())) != c.equal()) {
        return false;
      }
    }
    return true;
  }

  /** The conditions as {@code AND}-joined SQL with literal values, or {@code 1 = 1} for none. */
  public String literalSql() {
    List<String> parts = conditions().stream().map(Condition::literalSql).toList();
    return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (String d : DIMENSIONS) {
      Kind k = kind(d);
      parts.add(
          d
              + "="
              + (k == Kind.VALUE ? values.get(d) : k.name().toLowerCase(java.util.Locale.ROOT)));
    }
    return "CubeSlice[" + String.join(", ", parts) + "]";
  }
}
