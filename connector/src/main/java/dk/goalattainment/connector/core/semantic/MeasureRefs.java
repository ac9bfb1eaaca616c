package dk.goalattainment.connector.core.semantic;

/**
 * Where a figure finds its measures: a SQL expression per measure, e.g. a column of a table alias
 * ({@code c.goals_met}) or an aggregate over cube rows ({@code MAX(goals_met)}).
 */
@FunctionalInterface
public interface MeasureRefs {
  String ref(Measure measure);

  /** The measures as columns of a table alias, named as in the cube. */
  static MeasureRefs columnsOf(String alias) {
    return m -> alias + "." + m.column();
  }
}
