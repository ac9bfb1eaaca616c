package dk.goalattainment.connector.core.definitions;

import java.util.List;
import java.util.Optional;

/**
 * A standard dataset: a table the connector materialises with {@code connector refresh}.
 *
 * @param id stable id, used in URLs and Superset
 * @param version increases with every change of the definition
 * @param effectiveFrom the date the version took effect (ISO)
 * @param table the materialised table's name
 * @param builder which engine query materialises it ({@code attainment}, {@code goal_followups},
 *     {@code followup_compliance})
 * @param grain what one row is
 * @param orgPathColumns the columns carrying the org path ({@code /ROOT/AREA/UNIT/}) for row-level
 *     security
 * @param timeColumn the main temporal column
 * @param citizenGrain whether rows are about single (pseudonymised) citizens: such rows are only
 *     served to authenticated callers and never published
 * @param metrics the ids of the metrics defined over this dataset
 */
public record DatasetDefinition(
    String id,
    Integer version,
    String effectiveFrom,
    String table,
    String builder,
    Text title,
    Text description,
    String grain,
    List<String> orgPathColumns,
    String timeColumn,
    Boolean citizenGrain,
    List<ColumnDefinition> columns,
    List<String> metrics) {
  public DatasetDefinition {
    orgPathColumns = orgPathColumns == null ? List.of() : List.copyOf(orgPathColumns);
    columns = columns == null ? List.of() : List.copyOf(columns);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  public Optional<ColumnDefinition> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public boolean isCitizenGrain() {
    return Boolean.TRUE.equals(citizenGrain);
  }

  /** The dimension columns, in order. */
  public List<ColumnDefinition> dimensions() {
    return columns.stream().filter(c -> "dimension".equals(c.role())).toList();
  }
}
