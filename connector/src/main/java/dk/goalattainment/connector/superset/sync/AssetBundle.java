package dk.goalattainment.connector.superset.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Superset v1 import bundle for the assets import ({@link BundleWriter}). The database URI's
 * password is masked in the YAML and goes in {@link #passwords()} instead, keyed by the database
 * file's path without the root folder, as {@code POST /api/v1/assets/import/} expects.
 *
 * @param zip the bundle
 * @param passwords the {@code passwords} form field's map (empty when the URI has no password)
 */
public record AssetBundle(byte[] zip, Map<String, String> passwords) {
  private static final String ROOT = "goal_attainment_bundle/";

  /**
   * A bundle with the database (under {@code databaseUuid}, the UUID Superset knows it by) and new
   * datasets without columns or metrics; the sync adds those with a dataset update, which also sets
   * their UUIDs.
   */
  static AssetBundle of(DatabaseSpec database, UUID databaseUuid, List<DatasetSpec> datasets) {
    BundleWriter writer = new BundleWriter(ROOT, Instant.now());
    String folder = writer.database(database, databaseUuid);
    for (DatasetSpec d : datasets) {
      writer.dataset(folder, d, databaseUuid, null, Map.of(), false);
    }
    return writer.bundle();
  }

  @Override
  public String toString() {
    return "AssetBundle[" + zip.length + " bytes, passwords for " + passwords.keySet() + "]";
  }
}
