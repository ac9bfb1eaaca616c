package dk.goalattainment.connector.core.semantic;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.DefinitionsValidator;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.engine.AttainmentSql;
import dk.goalattainment.connector.core.engine.SqlSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * count of distinct citizens, a count, a sum, a ratio of sums. The mean over citizens has none, so
 * it is not offered there.
 */
public final class SavedMetrics {
  /** Marks of a comparison. */
  public static final String UP = "+";

  public static final String DOWN = "−";
  public static final String SAME = "=";

  /** A floating point type name that DuckDB and PostgreSQL both know. */
  private static final SqlSyntax ANY_DATABASE = () -> "FLOAT8";

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
  public record Figure(String id, String overFollowUps, String numerator, String denominator) {}

  /**
   * The engine's figures, in the engine's order: the one place this generator reads them from
   * ({@link AttainmentSql#figures} and {@link AttainmentSql#changes}). Re-point it here when the
   * figures become typed in the core; the aggregates beyond the cube are declared beside it until
   * then.
   */
  public static Map<String, Figure> engineFigures() {
    Set<String> ids = new LinkedHashSet<>(AttainmentSql.figures("c", "dd", ANY_DATABASE).keySet());
    ids.addAll(AttainmentSql.changes("c", "o", "_change_prev", ANY_DATABASE).keySet());
    ids.addAll(AttainmentSql.changes("c", "o", "_change_yoy", ANY_DATABASE).keySet());
    Map<String, Figure> shapes = new LinkedHashMap<>();
    shapes.put("citizens", new Figure("citizens", "COUNT(DISTINCT citizen_key)", null, null));
    shapes.put("goals_followed_up", new Figure("goals_followed_up", "COUNT(*)", null, null));
    shapes.put("goals_met", new Figure("goals_met", "SUM(met)", null, null));
    shapes.put("goals_unmet", new Figure("goals_unmet", "COUNT(*) - SUM(met)", null, null));
    shapes.put(
        "goals_met_share",
        new Figure("goals_met_share", ratio("met"), "goals_met", "goals_followed_up"));
    shapes.put(
        "progress_share",
        new Figure(
            "progress_share", ratio("progress"), "goals_with_progress", "goals_followed_up"));
    shapes.put("distance_avg", new Figure("distance_avg", ratio("distance"), null, null));
    for (String t : AttainmentSql.GOAL_TYPES) {
      shapes.put(
          t + "_met_share",
          new Figure(
              t + "_met_share",
              ratio("CASE WHEN goal_type = '" + t + "' THEN met ELSE 0 END"),
              t + "_met",
              "goals_followed_up"));
      shapes.put(
          t + "_unmet_share",
          new Figure(
              t + "_unmet_share",
              ratio("CASE WHEN goal_type = '" + t + "' THEN 1 - met ELSE 0 END"),
              t + "_unmet",
              "goals_followed_up"));
    }
    shapes.put(
        "followup_on_time_share",
        new Figure("followup_on_time_share", null, "followups_on_time", "goals_due"));
    Map<String, Figure> out = new LinkedHashMap<>();
    for (String id : ids) {
      out.put(id, shapes.getOrDefault(id, new Figure(id, null, null, null)));
    }
    return out;
  }

  private static String ratio(String perFollowUp) {
    return "1.0 * SUM(" + perFollowUp + ") / NULLIF(COUNT(*), 0)";
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
    Map<String, Figure> figures = engineFigures();
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
      Figure share = id.endsWith(suffix) ? figures.get(strip(id, suffix)) : null;
      if (share != null
          && share.numerator() != null
          && d.column(share.numerator()).isPresent()
          && d.column(share.denominator()).isPresent()) {
        return Optional.of(
            exactlyOneRow(
                AttainmentSql.wilson(
                    "MAX(" + share.numerator() + ")",
                    "MAX(" + share.denominator() + ")",
                    high,
                    ANY_DATABASE.doubleType())));
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
    Figure f = engineFigures().get(id);
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
