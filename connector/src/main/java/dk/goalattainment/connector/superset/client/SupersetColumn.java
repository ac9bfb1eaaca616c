package dk.goalattainment.connector.superset.client;

import java.util.UUID;

/**
 * A dataset column as Superset returns it ({@code GET /api/v1/dataset/{pk}}); {@code null} where
 * Superset has no value.
 */
public record SupersetColumn(
    int id,
    String columnName,
    String verboseName,
    String description,
    String type,
    Boolean isDttm,
    Boolean groupby,
    Boolean filterable,
    String expression,
    UUID uuid) {}
