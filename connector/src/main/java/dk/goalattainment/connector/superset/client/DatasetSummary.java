package dk.goalattainment.connector.superset.client;

import java.util.UUID;

/**
 * A dataset as Superset lists it ({@code GET /api/v1/dataset/}).
 *
 * @param id Superset's id
 * @param tableName the physical table's name
 * @param schema the schema, or {@code null}
 * @param databaseId the id of its database
 * @param uuid the UUID, or {@code null}
 */
public record DatasetSummary(int id, String tableName, String schema, int databaseId, UUID uuid) {}
