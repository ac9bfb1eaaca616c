package dk.goalattainment.connector.core.definitions;

import java.util.Map;

/**
 * A metric: a business figure with one SQL expression per dataset that supports it, usable by a BI
 * tool as a saved metric. A changed definition is a new version (the lock file enforces it).
 *
 * @param id stable id (the contract's metric id)
 * @param version increases with every change
 * @param effectiveFrom the date the version took effect (ISO)
 * @param label Danish and English label
 * @param description what it means, for managers (Danish and English)
 * @param unit {@code share}, {@code count}, {@code mean_share}, {@code ruler_points}
 * @param d3format d3 number format, e.g. {@code .1%}
 * @param direction {@code higher_is_better}, {@code lower_is_better} or {@code neutral}
 * @param expressions SQL aggregate expression by dataset id
 * @param successCriterion optional target
 * @param certifiedBy who vouches for the definition (Superset certification)
 * @param warning a caveat shown with the metric (Danish)
 */
public record MetricDefinition(
    String id,
    Integer version,
    String effectiveFrom,
    Text label,
    Text description,
    String unit,
    String d3format,
    String direction,
    Map<String, String> expressions,
    SuccessCriterion successCriterion,
    String certifiedBy,
    String warning) {
  public MetricDefinition {
    expressions = expressions == null ? Map.of() : Map.copyOf(expressions);
  }

  /**
   * A target for the metric.
   *
   * @param target the value to reach (in the metric's unit)
   * @param deadline the date by which (ISO)
   * @param baselinePeriod the period the target is measured against, e.g. {@code 2019}
   * @param org the org node the target is set for
   */
  public record SuccessCriterion(
      Double target, String deadline, String baselinePeriod, String org) {}
}
