package dk.goalattainment.connector.superset.client;

import java.util.Objects;
import java.util.UUID;

/**
 * One metric in a dataset update. Superset treats the update's metric list as the complete list: an
 * existing metric must come with its {@code id} (or it is deleted), a new one without; a new metric
 * whose name exists already fails with 422 "One or more metrics already exist". Fields are sent as
 * given ({@code null} as JSON null); {@code id} and {@code uuid} are left out when {@code null},
 * and an empty {@code d3format} is sent as {@code null}.
 */
public record MetricPut(
    Integer id,
    String metricName,
    String expression,
    String verboseName,
    String description,
    String d3format,
    String warningText,
    String extra,
    UUID uuid) {
  public MetricPut {
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(expression, "expression");
  }

  /** The metric as Superset has it, to keep it unchanged in a full-replacement update. */
  public static MetricPut keep(SupersetMetric m) {
    return new MetricPut(
        m.id(),
        m.metricName(),
        m.expression(),
        m.verboseName(),
        m.description(),
        m.d3format(),
        m.warningText(),
        m.extra(),
        m.uuid());
  }
}
