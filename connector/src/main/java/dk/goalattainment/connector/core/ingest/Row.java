package dk.goalattainment.connector.core.ingest;

import java.util.Objects;

/** A raw record with its 1-based row number in the batch (the header of a CSV file not counted). */
public record Row<T>(long number, T record) {
  public Row {
    Objects.requireNonNull(record, "record");
  }
}
