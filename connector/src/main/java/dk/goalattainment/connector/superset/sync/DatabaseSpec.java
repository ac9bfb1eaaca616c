package dk.goalattainment.connector.superset.sync;

import dk.goalattainment.connector.superset.client.SqlalchemyUris;
import java.util.Objects;
import java.util.UUID;

/**
 * The database connection Superset should have. {@link #toString()} masks the URI's password.
 *
 * @param name Superset's {@code database_name}; the sync finds the database by it
 * @param sqlalchemyUri how Superset reaches the data, for example {@code
 *     postgresql+psycopg2://reader:secret@db:5432/goals} or {@code
 *     duckdb:////data/goals.duckdb?access_mode=read_only}
 * @param exposeInSqllab whether SQL Lab offers it
 * @param externalUrl where its definition lives, or {@code null}
 * @param uuid its UUID on creation; {@code null} gives {@link SupersetKeys#databaseUuid}
 */
public record DatabaseSpec(
    String name, String sqlalchemyUri, boolean exposeInSqllab, String externalUrl, UUID uuid) {
  public DatabaseSpec {
    requireText(name, "database name");
    requireText(sqlalchemyUri, "database sqlalchemy_uri");
    if (uuid == null) {
      uuid = SupersetKeys.databaseUuid(name);
    }
  }

  static void requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return "DatabaseSpec[name="
        + name
        + ", sqlalchemyUri="
        + SqlalchemyUris.maskPassword(sqlalchemyUri)
        + ", exposeInSqllab="
        + exposeInSqllab
        + ", externalUrl="
        + externalUrl
        + ", uuid="
        + uuid
        + "]";
  }
}
