package dk.goalattainment.connector.core.error;

import java.util.Objects;

/**
 * One broken rule in one input record: the record kind, its 1-based row in the batch (0 for the
 * header of a file), the field and the rule it broke. It never carries the offending value: any
 * field could hold a CPR number.
 */
public record FieldError(String record, long row, String field, String rule) {
  public FieldError {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
    if (row < 0) {
      throw new IllegalArgumentException("row must be 0 (header) or more");
    }
  }

  /** The error as one line: {@code goals: row 3, field cpr: is required}. */
  public String message() {
    return record + ": " + (row == 0 ? "header" : "row " + row) + ", field " + field + ": " + rule;
  }
}
