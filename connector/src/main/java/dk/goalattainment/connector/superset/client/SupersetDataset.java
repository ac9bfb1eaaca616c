package dk.goalattainment.connector.superset.client;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A dataset with its columns and metrics ({@code GET /api/v1/dataset/{pk}}).
 *
 * @param id Superset's id
 * @param tableName the physical table's name
 * @param schema the schema, or {@code null}
 * @param databaseId the id of its database
 * @param uuid the UUID, or {@code null}
 * @param description the description, or {@code null}
 * @param managedExternally Superset's {@code is_managed_externally}
 * @param externalUrl {@code external_url} when this Superset version returns it; empty otherwise
 *     (Superset's dataset API does not list it among the fields it shows)
 * @param columns every column, with its id
 * @param metrics every metric, with its id
 */
public record SupersetDataset(
    int id,
    String tableName,
    String schema,
    int databaseId,
    UUID uuid,
    String description,
    boolean managedExternally,
    Optional<String> externalUrl,
    List<SupersetColumn> columns,
    List<SupersetMetric> metrics) {
  public SupersetDataset {
    columns = List.copyOf(columns);
    metrics = List.copyOf(metrics);
  }
}
