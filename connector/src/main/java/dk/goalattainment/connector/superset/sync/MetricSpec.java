package dk.goalattainment.connector.superset.sync;

/**
 * A saved metric as the definitions describe it. Every field is authoritative: {@code null} means
 * "none", and the sync removes a value set by hand (other keys in the metric's {@code extra} are
 * kept).
 *
 * @param metricName the metric's name (unique in its dataset)
 * @param verboseName the label shown in Superset (the Danish label)
 * @param expression the SQL aggregate, for example {@code AVG(attained)}
 * @param description the description
 * @param d3format the number format, for example {@code .1%}
 * @param warningText a warning shown next to the metric
 * @param certification who certified it, or {@code null}
 */
public record MetricSpec(
    String metricName,
    String verboseName,
    String expression,
    String description,
    String d3format,
    String warningText,
    Certification certification) {
  public MetricSpec {
    DatabaseSpec.requireText(metricName, "metric name");
    DatabaseSpec.requireText(expression, "metric expression of " + metricName);
  }
}
