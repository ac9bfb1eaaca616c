package dk.goalattainment.connector.core.semantic;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.DefinitionsValidator;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.model.GoalType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The saved metrics that a BI tool runs over the materialised datasets, generated from the engine's
 * own figures (issue 11, "exact or nothing"); {@code metrics.yaml} keeps only what people read
 * (labels, descriptions, formats, certification, warnings, success criteria).
 *
 * <p>On a pre-aggregated dataset (the attainment cube, follow-up compliance) every row is one slice
 * computed over its own citizens, so a saved metric yields a number only when the cell it fills
 * comes from exactly one row: {@code CASE WHEN COUNT(*) = 1 THEN MAX(figure) END}. Whatever
 * Superset runs the chart in (its dashboard, Explore, a CSV export, a report, an embedded chart), a
 * cell is the engine's figure or empty, never a sum over overlapping rows. Derived metrics follow
 * the same rule:
 *
 * <ul>
 *   <li>{@code <figure>}: the figure column itself (a flag as 1 or 0);
 *   <li>{@code <share>_ci_low}, {@code <share>_ci_high}: the 95 % Wilson interval of a share whose
 *       count columns the cube holds (the engine's own formula), where the cube has no interval
 *       column of its own;
 *   <li>{@code <figure>_vs_prev}: {@code +}, {@code −} or {@code =} against the previous period of
 *       the same kind (the sign of {@code <figure>_change_prev});
 *   <li>{@code <figure>_vs_target}: {@code +} when the figure meets the success criterion of the
 *       metric {@code <figure>} (by its direction), {@code −} when not.
 * </ul>
 *
 * <p>On a citizen-grain dataset (the drill-down) the metrics are real single-level aggregates: a
 * count of distinct citizens, a count, a sum, a ratio of sums — the same typed figure rendered over
 * the rows' aggregates instead of the cube's measures, so rounded like the engine's. The mean over
 * citizens has none, so it is not offered there.
 */
public final class SavedMetrics {
  /** Marks of a comparison. */
  public static final String UP = "+";

  public static final String DOWN = "−";
  public static final String SAME = "=";

  /**
   * The SQL types of the saved metrics: a floating point type name that DuckDB and PostgreSQL both
   * know. The figures a BI tool evaluates divide no integers (that is the refresh's fixed-point
   * share), so integer division is not offered.
   */
  private static final SqlSyntax ANY_DATABASE =
      new SqlSyntax() {
        @Override
        public String doubleType() {
          return "FLOAT8";
        }

        @Override
        public String integerDivide(String dividend, String divisor) {
          throw new UnsupportedOperationException(
              "the saved metrics divide no integers (only the refresh does)");
        }
      };

  private SavedMetrics() {}

  /**
   * How a figure of the engine aggregates beyond the cube.
   *
   * @param id the figure id (= its cube column)
   * @param overFollowUps its single-level aggregate over citizen-grain rows (columns {@code
   *     citizen_key}, {@code met}, {@code progress}, {@code distance}, {@code goal_type}), or null
   * @param numerator for a share: the cube's count column of its numerator, else null
   * @param denominator for a share: the cube's count column of its denominator, else null
   */
  public record EngineFigure(
      String id, String overFollowUps, String numerator, String denominator) {}

  /**
   * The engine's figures, in the engine's order: every column of the typed figures ({@link
   * Figures#REPORTED}, {@link Figures#CUBE_ONLY}, their intervals and companions, and the change
   * columns {@link Figures#changes}) — the one definition that the live report and the cube are
   * rendered from too. A share's numerator and denominator are the cube's columns of its measures;
   * a figure's aggregate over citizen-grain rows is the same figure rendered over {@link
   * #OVER_FOLLOW_UP_ROWS} (where every measure it reads has one).
   */
  public static Map<String, EngineFigure> engineFigures() {
    Map<String, EngineFigure> out = new LinkedHashMap<>();
    List<Figure> figures = new ArrayList<>(Figures.REPORTED);
    figures.addAll(Figures.CUBE_ONLY);
    for (Figure f : figures) {
      for (String column : f.columns(MeasureRefs.columnsOf("c"), ANY_DATABASE).keySet()) {
        out.putIfAbsent(
            column, column.equals(f.id()) ? shape(f) : new EngineFigure(column, null, null, null));
      }
    }
    for (String suffix : List.of("_change_prev", "_change_yoy")) {
      for (String id : Figures.changes("c", "o", suffix, ANY_DATABASE).keySet()) {
        out.putIfAbsent(id, new EngineFigure(id, null, null, null));
      }
    }
    return out;
  }

  private static EngineFigure shape(Figure f) {
    String overFollowUps = null;
    if (f instanceof Figure.Count || f instanceof Figure.Difference || f instanceof Figure.Ratio) {
      Set<Measure> missing = EnumSet.noneOf(Measure.class);
      String sql =
          f.sql(
              m -> {
                String ref = OVER_FOLLOW_UP_ROWS.get(m);
                if (ref == null) {
                  missing.add(m);
                }
                return ref;
              },
              ANY_DATABASE);
      overFollowUps = missing.isEmpty() ? sql : null;
    }
    if (f instanceof Figure.Ratio r && r.numerator().isCount() && r.denominator().isCount()) {
      return new EngineFigure(
          f.id(), overFollowUps, r.numerator().column(), r.denominator().column());
    }
    return new EngineFigure(f.id(), overFollowUps, null, null);
  }

  /**
   * The measures as single-level aggregates over citizen-grain follow-up rows (the drill-down: one
   * counted follow-up per row, with {@code citizen_key}, {@code met}, {@code progress}, {@code
   * distance} and {@code goal_type}); the sums of citizens' shares and the due-date measures have
   * none.
   */
  static final Map<Measure, String> OVER_FOLLOW_UP_ROWS = overFollowUpRows();

  private static Map<Measure, String> overFollowUpRows() {
    Map<Measure, String> m = new EnumMap<>(Measure.class);
    m.put(Measure.CITIZENS, "COUNT(DISTINCT citizen_key)");
    m.put(Measure.GOALS_FOLLOWED_UP, "COUNT(*)");
    m.put(Measure.GOALS_MET, "SUM(met)");
    m.put(Measure.GOALS_WITH_PROGRESS, "SUM(progress)");
    m.put(Measure.DISTANCE_SUM, "SUM(distance)");
    for (GoalType goalType : GoalType.values()) {
      String t = goalType.code();
      String type = goalType.name();
      m.put(
          Measure.valueOf(type + "_MET"),
          "SUM(CASE WHEN goal_type = '" + t + "' THEN met ELSE 0 END)");
      m.put(
          Measure.valueOf(type + "_UNMET"),
          "SUM(CASE WHEN goal_type = '" + t + "' THEN 1 - met ELSE 0 END)");
    }
    return m;
  }

  /** Whether a dataset's rows are pre-aggregated slices (exact or nothing applies). */
  public static boolean isPreAggregated(DatasetDefinition d) {
    return !d.isCitizenGrain();
  }

  /** The generated expression of a metric over a dataset, or empty when the engine has none. */
  public static Optional<String> expression(
      MetricDefinition metric, DatasetDefinition dataset, Definitions definitions) {
    if (metric.id() == null || dataset.id() == null) {
      return Optional.empty();
    }
    return isPreAggregated(dataset)
        ? overSlices(metric.id(), dataset, definitions)
        : overFollowUps(metric.id(), dataset);
  }

  private static Optional<String> overSlices(
      String id, DatasetDefinition d, Definitions definitions) {
    Map<String, EngineFigure> figures = engineFigures();
    Optional<ColumnDefinition> own = d.column(id);
    if (figures.containsKey(id) && own.isPresent()) {
      String value =
          "BOOLEAN".equals(own.get().type())
              ? "CASE WHEN " + id + " THEN 1 WHEN NOT " + id + " THEN 0 END"
              : id;
      return Optional.of(exactlyOneRow("MAX(" + value + ")"));
    }
    for (boolean high : new boolean[] {false, true}) {
      String suffix = high ? "_ci_high" : "_ci_low";
      EngineFigure share = id.endsWith(suffix) ? figures.get(strip(id, suffix)) : null;
      if (share != null
          && share.numerator() != null
          && d.column(share.numerator()).isPresent()
          && d.column(share.denominator()).isPresent()) {
        return Optional.of(
            exactlyOneRow(
                Intervals.wilson(
                    "MAX(" + share.numerator() + ")",
                    "MAX(" + share.denominator() + ")",
                    high,
                    ANY_DATABASE)));
      }
    }
    if (id.endsWith("_vs_prev")) {
      String change = strip(id, "_vs_prev") + "_change_prev";
      if (figures.containsKey(change) && d.column(change).isPresent()) {
        String v = "MAX(" + change + ")";
        return Optional.of(
            exactlyOneRow(
                "CASE WHEN %1$s > 0 THEN '%2$s' WHEN %1$s < 0 THEN '%3$s' WHEN %1$s = 0 THEN '%4$s' END"
                    .formatted(v, UP, DOWN, SAME)));
      }
    }
    if (id.endsWith("_vs_target")) {
      String base = strip(id, "_vs_target");
      Optional<MetricDefinition> metric = definitions.metric(base);
      if (figures.containsKey(base)
          && d.column(base).isPresent()
          && metric.isPresent()
          && metric.get().successCriterion() != null
          && metric.get().successCriterion().target() != null) {
        String target =
            java.math.BigDecimal.valueOf(metric.get().successCriterion().target()).toPlainString();
        boolean lower = "lower_is_better".equals(metric.get().direction());
        String v = "MAX(" + base + ")";
        String met = v + (lower ? " <= " : " >= ") + target;
        String missed = v + (lower ? " > " : " < ") + target;
        return Optional.of(
            exactlyOneRow(
                "CASE WHEN %s THEN '%s' WHEN %s THEN '%s' END".formatted(met, UP, missed, DOWN)));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> overFollowUps(String id, DatasetDefinition d) {
    EngineFigure f = engineFigures().get(id);
    if (f == null || f.overFollowUps() == null) {
      return Optional.empty();
    }
    for (String column : DefinitionsValidator.columnsNamed(f.overFollowUps())) {
      if (d.column(column).isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(f.overFollowUps());
  }

  /** {@code value} when the cell comes from exactly one row, else empty (SQL NULL). */
  public static String exactlyOneRow(String value) {
    return "CASE WHEN COUNT(*) = 1 THEN " + value + " END";
  }

  private static String strip(String id, String suffix) {
    return id.substring(0, id.length() - suffix.length());
  }

  /**
   * Written expressions where the engine generates the metric: on a pre-aggregated dataset every
   * metric is generated (a written aggregate would sum overlapping rows), so a written one is
   * refused.
   */
  public static List<String> writtenWhereGenerated(Definitions written) {
    List<String> problems = new ArrayList<>();
    for (MetricDefinition m : written.metrics()) {
      for (String datasetId : m.expressions().keySet()) {
        written
            .dataset(datasetId)
            .filter(SavedMetrics::isPreAggregated)
            .ifPresent(
                d ->
                    problems.add(
                        "metric "
                            + m.id()
                            + ": the expression for "
                            + d.id()
                            + " is generated from the engine's figures (exact or nothing on"
                            + " pre-aggregated rows); remove it from metrics.yaml"));
      }
    }
    return problems;
  }

  /**
   * The definitions with every generated expression filled in: for each dataset, each metric it
   * lists gets the generated expression unless the metric gives its own (allowed on citizen-grain
   * datasets only; the validator refuses a written expression where one is generated).
   */
  public static Definitions complete(Definitions written) {
    Map<String, Map<String, String>> expressions = new LinkedHashMap<>();
    for (MetricDefinition m : written.metrics()) {
      expressions.put(m.id(), new LinkedHashMap<>(m.expressions()));
    }
    for (DatasetDefinition d : written.datasets()) {
      for (MetricDefinition m : written.metricsOf(d)) {
        Map<String, String> e = expressions.get(m.id());
        if (e != null && !e.containsKey(d.id())) {
          expression(m, d, written).ifPresent(sql -> e.put(d.id(), sql));
        }
      }
    }
    List<MetricDefinition> metrics = new ArrayList<>();
    for (MetricDefinition m : written.metrics()) {
      metrics.add(
          new MetricDefinition(
              m.id(),
              m.version(),
              m.effectiveFrom(),
              m.label(),
              m.description(),
              m.unit(),
              m.d3format(),
              m.direction(),
              expressions.getOrDefault(m.id(), m.expressions()),
              m.successCriterion(),
              m.certifiedBy(),
              m.warning()));
    }
    return new Definitions(written.datasets(), metrics);
  }
}
