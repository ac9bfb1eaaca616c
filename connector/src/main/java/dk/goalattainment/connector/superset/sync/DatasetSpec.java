package dk.goalattainment.connector.superset.sync;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A dataset as the definitions describe it: a physical table in the sync's database, its columns
 * and its saved metrics. Columns and metrics of the table that are not listed are left alone
 * (unless they carry the connector's UUID and {@code prune} is on).
 *
 * @param tableName the table
 * @param schema the schema, or {@code null}
 * @param description the description; authoritative ({@code null} means none)
 * @param uuid its UUID; {@code null} gives {@link SupersetKeys#datasetUuid}, which {@code prune}
 *     relies on to recognise the dataset once it is no longer defined
 * @param externalUrl where its definition lives, or {@code null}
 * @param columns the managed columns
 * @param metrics the managed metrics
 */
public record DatasetSpec(
    String tableName,
    String schema,
    String description,
    UUID uuid,
    String externalUrl,
    List<ColumnSpec> columns,
    List<MetricSpec> metrics) {
  public DatasetSpec {
    DatabaseSpec.requireText(tableName, "dataset table name");
    if (uuid == null) {
      uuid = SupersetKeys.datasetUuid(tableName);
    }
    columns = columns == null ? List.of() : List.copyOf(columns);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    Set<String> names = new HashSet<>();
    for (ColumnSpec c : columns) {
      if (!names.add(c.columnName())) {
        throw new IllegalArgumentException(
            "dataset " + tableName + " lists column " + c.columnName() + " twice");
      }
    }
    names.clear();
    for (MetricSpec m : metrics) {
      if (!names.add(m.metricName())) {
        throw new IllegalArgumentException(
            "dataset " + tableName + " lists metric " + m.metricName() + " twice");
      }
    }
  }

  /** {@code schema.table}, or the table alone without a schema: the dataset's name in a plan. */
  public String qualifiedName() {
    return schema == null || schema.isEmpty() ? tableName : schema + "." + tableName;
  }
}
