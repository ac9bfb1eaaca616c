package dk.goalattainment.connector.superset.client;

import java.util.Objects;

/**
 * A new dataset on a physical table ({@code POST /api/v1/dataset/}). Superset checks that the table
 * exists and reads its columns. Superset's create schema has no {@code uuid}: a dataset created
 * this way gets a random UUID (an assets import can set it).
 *
 * @param databaseId the database's id
 * @param schema the schema, or {@code null}
 * @param tableName the table
 * @param managedExternally Superset's {@code is_managed_externally}
 * @param externalUrl where its definition lives, or {@code null}
 */
public record DatasetCreate(
    int databaseId,
    String schema,
    String tableName,
    boolean managedExternally,
    String externalUrl) {
  public DatasetCreate {
    Objects.requireNonNull(tableName, "tableName");
  }
}
