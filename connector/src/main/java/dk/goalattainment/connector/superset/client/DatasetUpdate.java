package dk.goalattainment.connector.superset.client;

import java.util.List;

/**
 * A dataset update ({@code PUT /api/v1/dataset/{pk}}). A {@code null} field is not sent and stays
 * as it is. {@code columns} and {@code metrics}, when sent, replace the whole list: read the
 * dataset first and send existing entries with their ids (see {@link ColumnPut#keep} and {@link
 * MetricPut#keep}).
 *
 * @param description the new description ({@code ""} clears it), or {@code null}
 * @param managedExternally the new {@code is_managed_externally}, or {@code null}
 * @param externalUrl the new {@code external_url}, or {@code null}
 * @param columns the complete column list, or {@code null}
 * @param metrics the complete metric list, or {@code null}
 */
public record DatasetUpdate(
    String description,
    Boolean managedExternally,
    String externalUrl,
    List<ColumnPut> columns,
    List<MetricPut> metrics) {
  public DatasetUpdate {
    columns = columns == null ? null : List.copyOf(columns);
    metrics = metrics == null ? null : List.copyOf(metrics);
  }
}
