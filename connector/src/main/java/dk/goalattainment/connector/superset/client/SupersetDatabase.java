package dk.goalattainment.connector.superset.client;

import java.util.UUID;

/**
 * A database connection as Superset lists it ({@code GET /api/v1/database/}).
 *
 * @param id Superset's id
 * @param databaseName the unique name
 * @param uuid the UUID, or {@code null} when Superset has none
 * @param exposeInSqllab whether SQL Lab shows it, or {@code null} when not returned
 */
public record SupersetDatabase(int id, String databaseName, UUID uuid, Boolean exposeInSqllab) {}
