package dk.goalattainment.connector.core.ingest;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.model.FollowUp;
import dk.goalattainment.connector.core.model.Goal;
import dk.goalattainment.connector.core.model.OrgUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Drives one all-or-nothing ingest: validates every record, stages the valid ones, checks the rules
 * that span records, and commits only when there is no error at all. Otherwise it throws a {@link
 * ConnectorException} with {@link ErrorCode#VALIDATION_FAILED} listing every error (up to {@link
 * #MAX_REPORTED_ERRORS}), and nothing is stored.
 */
public final class IngestService {
  /**
   * Errors listed in one failure; the failure's {@link ConnectorException#errorCount()} and message
   * say how many there were in all.
   */
  public static final int MAX_REPORTED_ERRORS = 1_000;

  private final RecordValidator validator;
  private final Supplier<IngestTransaction> transactions;

  public IngestService(RecordValidator validator, Supplier<IngestTransaction> transactions) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  public IngestCounts ingest(IngestBatch batch) {
    return ingest(batch, rows -> {});
  }

  /** Ingests a batch; {@code progress} is told the number of records read so far, now and then. */
  public IngestCounts ingest(IngestBatch batch, LongConsumer progress) {
    ErrorList errors = new ErrorList();
    long[] read = {0};
    try (IngestTransaction tx = transactions.get()) {
      read(
          errors,
          batch.orgUnits(),
          row -> {
            Validated<OrgUnit> v = validator.orgUnit(row.number(), row.record());
            if (v.valid()) {
              tx.stageOrgUnit(row.number(), v.value());
            } else {
              errors.addAll(v.errors());
              tx.rejected(RecordKind.ORG_UNITS, row.number(), RejectedKeys.of(row.record()));
            }
            tick(progress, read);
          });
      read(
          errors,
          batch.goals(),
          row -> {
            Validated<Goal> v = validator.goal(row.number(), row.record());
            if (v.valid()) {
              tx.stageGoal(row.number(), v.value());
            } else {
              errors.addAll(v.errors());
              tx.rejected(RecordKind.GOALS, row.number(), RejectedKeys.of(row.record()));
            }
            tick(progress, read);
          });
      read(
          errors,
          batch.followUps(),
          row -> {
            Validated<FollowUp> v = validator.followUp(row.number(), row.record());
            if (v.valid()) {
              tx.stageFollowUp(row.number(), v.value());
            } else {
              errors.addAll(v.errors());
              tx.rejected(RecordKind.FOLLOWUPS, row.number(), RejectedKeys.of(row.record()));
            }
            tick(progress, read);
          });
      progress.accept(read[0]);
      errors.addAll(tx.crossRecordErrors());
      if (errors.total > 0) {
        throw errors.failure();
      }
      return tx.commit();
    }
  }

  /**
   * Reads one source; a source that finds records it cannot read (wrong field count, a missing
   * header column) reports them as record errors, and the other sources are still read, so that one
   * run lists every error.
   */
  private static <T> void read(
      ErrorList errors, RecordSource<T> source, java.util.function.Consumer<Row<T>> sink) {
    try {
      source.forEach(sink);
    } catch (ConnectorException e) {
      if (e.code() != ErrorCode.VALIDATION_FAILED || e.errors().isEmpty()) {
        throw e;
      }
      errors.addAll(e.errors(), e.errorCount());
    }
  }

  private static void tick(LongConsumer progress, long[] read) {
    if (++read[0] % 10_000 == 0) {
      progress.accept(read[0]);
    }
  }

  /** The errors of one ingest, bounded in memory. */
  private static final class ErrorList {
    private final List<FieldError> list = new ArrayList<>();
    private long total;

    void addAll(List<FieldError> more) {
      addAll(more, more.size());
    }

    /** Adds the listed errors of a failure that had {@code count} errors in all. */
    void addAll(List<FieldError> more, long count) {
      total += Math.max(count, more.size());
      for (FieldError e : more) {
        if (list.size() < MAX_REPORTED_ERRORS) {
          list.add(e);
        }
      }
    }

    ConnectorException failure() {
      String message =
          "Nothing was stored: "
              + total
              + (total == 1 ? " record error" : " record errors")
              + (total > list.size() ? " (the first " + list.size() + " are listed)" : "");
      return new ConnectorException(ErrorCode.VALIDATION_FAILED, message, list, total);
    }
  }
}
