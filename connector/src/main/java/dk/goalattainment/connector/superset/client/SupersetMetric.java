package dk.goalattainment.connector.superset.client;

import java.util.UUID;

/**
 * A dataset metric as Superset returns it ({@code GET /api/v1/dataset/{pk}}); {@code extra} is
 * Superset's JSON text (for example {@code {"certification": {"certified_by": …}}}).
 */
public record SupersetMetric(
    int id,
    String metricName,
    String verboseName,
    String expression,
    String description,
    String d3format,
    String warningText,
    String extra,
    UUID uuid) {}
