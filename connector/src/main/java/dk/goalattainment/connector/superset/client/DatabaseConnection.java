package dk.goalattainment.connector.superset.client;

import java.util.Optional;
import java.util.UUID;

/**
 * A database's connection settings ({@code GET /api/v1/database/{pk}/connection}). Superset masks
 * the password in {@code sqlalchemyUri} as {@code XXXXXXXXXX}.
 *
 * @param id Superset's id
 * @param databaseName the unique name
 * @param sqlalchemyUri the SQLAlchemy URI with the password masked
 * @param exposeInSqllab whether SQL Lab shows it
 * @param managedExternally Superset's {@code is_managed_externally}
 * @param externalUrl {@code external_url} when this Superset version returns it; empty otherwise
 * @param uuid the UUID, or {@code null}
 */
public record DatabaseConnection(
    int id,
    String databaseName,
    String sqlalchemyUri,
    boolean exposeInSqllab,
    boolean managedExternally,
    Optional<String> externalUrl,
    UUID uuid) {}
