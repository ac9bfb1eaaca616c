package dk.goalattainment.connector.ingest;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.IngestService;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors that keep a record from being read at all (a CSV record with the wrong number of
 * fields, a JSON element that is not an object), collected while the rest of the input streams on,
 * bounded in memory like the ingest service's own list.
 */
final class StructuralErrors {
  private final String record;
  private final List<FieldError> list = new ArrayList<>();
  private long total;

  StructuralErrors(String record) {
    this.record = record;
  }

  void add(long row, String field, String rule) {
    total++;
    if (list.size() < IngestService.MAX_REPORTED_ERRORS) {
      list.add(new FieldError(record, row, field, rule));
    }
  }

  boolean isEmpty() {
    return total == 0;
  }

  /** Throws the collected errors, if there are any. */
  void throwIfAny() {
    if (total > 0) {
      throw failure();
    }
  }

  /** The collected errors (which may be none) plus one that ended reading early. */
  ConnectorException fatal(long row, String field, String rule) {
    add(row, field, rule);
    return failure();
  }

  private ConnectorException failure() {
    return failure(record + ": the input is not well-formed");
  }

  /** The collected errors under a message of the caller's, with how many there were. */
  ConnectorException failure(String message) {
    String full =
        message
            + ": "
            + total
            + (total == 1 ? " error" : " errors")
            + (total > list.size() ? " (the first " + list.size() + " are listed)" : "");
    return new ConnectorException(ErrorCode.VALIDATION_FAILED, full, list, total);
  }
}
