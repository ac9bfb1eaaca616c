package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.definitions.Text;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The answers of {@code /api/v1/metrics}: what the JSON holds, typed for the OpenAPI document. */
public final class MetricViews {
  private MetricViews() {}

  /** Every metric definition. */
  @Schema(name = "MetricList")
  public record MetricList(List<MetricDefinitionView> metrics) {}

  /**
   * A metric definition as {@code dataset-definitions/metrics.yaml} declares it.
   *
   * @param id the contract's metric id
   * @param version increases with every change
   * @param effectiveFrom the date the version took effect
   * @param label Danish and English label
   * @param description what it means, for managers
   * @param unit {@code share}, {@code count}, {@code mean_share}, {@code ruler_points}, {@code
   *     flag} or {@code mark} (a bound drawn on charts, not a figure)
   * @param d3format d3 number format, e.g. {@code .1%} (null for a {@code mark})
   * @param direction {@code higher_is_better}, {@code lower_is_better} or {@code neutral}
   * @param expressions the SQL aggregate of Superset's saved metric, by dataset id
   * @param successCriterion the target, if the metric has one
   * @param certifiedBy who vouches for the definition
   * @param warning a caveat shown with the metric (Danish)
   */
  @Schema(name = "MetricDefinition")
  public record MetricDefinitionView(
      String id,
      int version,
      String effectiveFrom,
      Text label,
      Text description,
      String unit,
      @Nullable String d3format,
      String direction,
      Map<String, String> expressions,
      @Nullable SuccessCriterionView successCriterion,
      @Nullable String certifiedBy,
      @Nullable String warning) {
    static MetricDefinitionView of(MetricDefinition m) {
      MetricDefinition.SuccessCriterion sc = m.successCriterion();
      return new MetricDefinitionView(
          m.id(),
          m.version(),
          m.effectiveFrom(),
          m.label(),
          m.description(),
          m.unit(),
          m.d3format(),
          m.direction(),
          new TreeMap<>(m.expressions()),
          sc == null
              ? null
              : new SuccessCriterionView(sc.target(), sc.deadline(), sc.baselinePeriod(), sc.org()),
          m.certifiedBy(),
          m.warning());
    }

    static List<MetricDefinitionView> of(List<MetricDefinition> metrics) {
      return metrics.stream().map(MetricDefinitionView::of).toList();
    }
  }

  /**
   * A metric's target.
   *
   * @param target the value to reach, in the metric's unit
   * @param deadline the date by which
   * @param baselinePeriod the period the target is measured against
   * @param org the org node the target is set for
   */
  @Schema(name = "SuccessCriterion")
  public record SuccessCriterionView(
      double target, @Nullable String deadline, @Nullable String baselinePeriod, String org) {}

  /**
   * One metric definition and, when it has a success criterion, its evaluation.
   *
   * @param evaluation null when the metric has no success criterion
   */
  @Schema(name = "MetricDetail")
  public record MetricDetail(
      MetricDefinitionView definition, @Nullable MetricEvaluation evaluation) {}

  /**
   * A success criterion evaluated on the refreshed attainment dataset.
   *
   * @param figures {@code full} (a token with the read scope for the org) or {@code public} (the
   *     published, disclosure-controlled figures); null when there is no attainment dataset
   * @param org the criterion's org node
   * @param target the value to reach
   * @param deadline the date by which
   * @param baselinePeriod the period measured against
   * @param baselineValue the value in the baseline period (null: no figure, or withheld)
   * @param period the latest year up to the deadline with a figure
   * @param value the value in that year
   * @param targetMet whether the value reaches the target (in the metric's direction)
   * @param status why there is no value, when there is none
   */
  @Schema(name = "MetricEvaluation")
  public record MetricEvaluation(
      @Nullable @Schema(allowableValues = {"full", "public"}) String figures,
      String org,
      double target,
      @Nullable String deadline,
      @Nullable String baselinePeriod,
      @Nullable Double baselineValue,
      @Nullable String period,
      @Nullable Double value,
      @Nullable Boolean targetMet,
      @Nullable String status) {}
}
