package dk.goalattainment.connector.superset.sync;

import java.util.UUID;

/**
 * The stable keys and deterministic UUIDs of the connector's Superset assets: UUIDv5 of the key in
 * {@link #NAMESPACE}. The same definitions give the same UUIDs in every Superset, so a second run,
 * another environment or a later bundle of charts finds the same assets, and {@code prune} can tell
 * the connector's assets from everyone else's.
 *
 * <p>Keys: {@code database:<name>}, {@code dataset:<table>}, {@code dataset:<table>/column:<name>},
 * {@code dataset:<table>/metric:<name>}.
 */
public final class SupersetKeys {
  /**
   * The connector's namespace: {@code uuid5(NAMESPACE_URL, "urn:goal-attainment:superset")} =
   * {@code 6b69cb30-df6c-5214-9541-2634ba925796}. Never change it: every asset's UUID depends on
   * it.
   */
  public static final UUID NAMESPACE =
      Uuids.v5(Uuids.NAMESPACE_URL, "urn:goal-attainment:superset");

  private SupersetKeys() {}

  /** The database's UUID. */
  public static UUID databaseUuid(String databaseName) {
    return Uuids.v5(NAMESPACE, "database:" + databaseName);
  }

  /** The stable key of the dataset on {@code tableName}, for example {@code dataset:attainment}. */
  public static String datasetKey(String tableName) {
    return "dataset:" + tableName;
  }

  /** The dataset's UUID. */
  public static UUID datasetUuid(String tableName) {
    return Uuids.v5(NAMESPACE, datasetKey(tableName));
  }

  /** The UUID of a column of the dataset on {@code tableName}. */
  public static UUID columnUuid(String tableName, String columnName) {
    return Uuids.v5(NAMESPACE, datasetKey(tableName) + "/column:" + columnName);
  }

  /** The UUID of a metric of the dataset on {@code tableName}. */
  public static UUID metricUuid(String tableName, String metricName) {
    return Uuids.v5(NAMESPACE, datasetKey(tableName) + "/metric:" + metricName);
  }
}
