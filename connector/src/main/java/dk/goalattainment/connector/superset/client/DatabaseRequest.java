package dk.goalattainment.connector.superset.client;

import java.util.Objects;
import java.util.UUID;

/**
 * The fields the connector sets on a database ({@code POST /api/v1/database/} and {@code PUT
 * /api/v1/database/{pk}}). {@link #toString()} masks the URI's password.
 *
 * @param databaseName the unique name
 * @param sqlalchemyUri the SQLAlchemy URI, password included when the database needs one
 * @param exposeInSqllab whether SQL Lab shows it
 * @param managedExternally Superset's {@code is_managed_externally}: the UI marks it read-only
 * @param externalUrl where its definition lives, or {@code null}
 * @param uuid the UUID to create it with (ignored on update), or {@code null} for a random one
 */
public record DatabaseRequest(
    String databaseName,
    String sqlalchemyUri,
    boolean exposeInSqllab,
    boolean managedExternally,
    String externalUrl,
    UUID uuid) {
  public DatabaseRequest {
    Objects.requireNonNull(databaseName, "databaseName");
    Objects.requireNonNull(sqlalchemyUri, "sqlalchemyUri");
  }

  @Override
  public String toString() {
    return "DatabaseRequest[databaseName="
        + databaseName
        + ", sqlalchemyUri="
        + SqlalchemyUris.maskPassword(sqlalchemyUri)
        + ", exposeInSqllab="
        + exposeInSqllab
        + ", managedExternally="
        + managedExternally
        + ", externalUrl="
        + externalUrl
        + ", uuid="
        + uuid
        + "]";
  }
}
