package dk.goalattainment.connector.superset.client;

import java.util.Objects;
import java.util.UUID;

/**
 * One column in a dataset update. Superset treats the update's column list as the complete list: an
 * existing column must come with its {@code id} (or it is deleted), a new one without. Every field
 * is sent as given ({@code null} as JSON null), except that {@code id}, {@code isDttm}, {@code
 * groupby}, {@code filterable} and {@code uuid} are left out when {@code null}.
 */
public record ColumnPut(
    Integer id,
    String columnName,
    String verboseName,
    String description,
    String type,
    Boolean isDttm,
    Boolean groupby,
    Boolean filterable,
    String expression,
    UUID uuid) {
  public ColumnPut {
    Objects.requireNonNull(columnName, "columnName");
  }

  /** The column as Superset has it, to keep it unchanged in a full-replacement update. */
  public static ColumnPut keep(SupersetColumn c) {
    return new ColumnPut(
        c.id(),
        c.columnName(),
        c.verboseName(),
        c.description(),
        c.type(),
        c.isDttm(),
        c.groupby(),
        c.filterable(),
        c.expression(),
        c.uuid());
  }
}
