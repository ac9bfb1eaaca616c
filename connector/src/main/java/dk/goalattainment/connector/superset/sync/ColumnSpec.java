package dk.goalattainment.connector.superset.sync;

/**
 * A dataset column as the definitions describe it. {@code verboseName} and {@code description} are
 * authoritative: {@code null} means "none", and the sync clears a label set by hand. {@code type},
 * {@code isDttm}, {@code groupby} and {@code filterable} are managed only when not {@code null};
 * otherwise Superset keeps what it has (it reads types from the database).
 *
 * @param columnName the physical column's name
 * @param verboseName the label shown in Superset (the Danish label)
 * @param description the description
 * @param type the SQL type, compared case-insensitively, or {@code null}
 * @param isDttm whether it is a time column, or {@code null}
 * @param groupby whether charts may group by it, or {@code null}
 * @param filterable whether charts may filter on it, or {@code null}
 */
public record ColumnSpec(
    String columnName,
    String verboseName,
    String description,
    String type,
    Boolean isDttm,
    Boolean groupby,
    Boolean filterable) {
  public ColumnSpec {
    DatabaseSpec.requireText(columnName, "column name");
  }
}
