package dk.goalattainment.connector.core.ingest;

import static dk.goalattainment.connector.core.ingest.IngestFixtures.CPR;
import static dk.goalattainment.connector.core.ingest.IngestFixtures.followUp;
import static dk.goalattainment.connector.core.ingest.IngestFixtures.goal;
import static dk.goalattainment.connector.core.ingest.IngestFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The all-or-nothing ingest, driven against an in-memory transaction: what is staged, what is
 * reported, when it commits. No database: the store's suites check the SQL side.
 */
class IngestServiceTest {
  private final RecordingIngestTransaction tx = new RecordingIngestTransaction();
  private final IngestService service = new IngestService(IngestFixtures.validator(), () -> tx);

  private static IngestBatch batch(
      List<RawOrgUnit> units, List<RawGoal> goals, List<RawFollowUp> followUps) {
    return new IngestBatch(
        RecordSource.of(units), RecordSource.of(goals), RecordSource.of(followUps));
  }

  private ConnectorException failure(IngestBatch batch) {
    return org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> service.ingest(batch), ConnectorException.class);
  }

  @Test
  void aValidBatchIsStagedRowByRowCheckedAcrossRecordsAndCommitted() {
    tx.storing(RecordKind.GOALS, "G1");

    IngestCounts counts =
        service.ingest(batch(List.of(unit()), List.of(goal()), List.of(followUp())));

    assertThat(tx.orgUnits).containsOnlyKeys(1L);
    assertThat(tx.goals.get(1L).goalId()).isEqualTo("G1");
    assertThat(tx.followUps.get(1L).followupId()).isEqualTo("F1");
    assertThat(tx.rejections).isEmpty();
    assertThat(tx.committed()).isTrue();
    assertThat(tx.closed()).isTrue();
    assertThat(counts.of(RecordKind.GOALS)).isEqualTo(new IngestCounts.KindCounts(1, 0, 1));
    assertThat(counts.of(RecordKind.ORG_UNITS)).isEqualTo(new IngestCounts.KindCounts(1, 1, 0));
  }

  @Test
  void oneInvalidRecordStoresNothingAndEveryErrorOfEveryKindIsListed() {
    RawOrgUnit badUnit = new RawOrgUnit("U2", "", "FBU", "", "2018-01-01", "", "");
    RawGoal badGoal =
        new RawGoal("G2", "bad", "boern_unge", "skole", "", "3", "7", "2021-01-10", "", "BC", "");
    RawFollowUp badFollowUp = new RawFollowUp("F2", "G2", "2021-06-01", "0");

    ConnectorException e =
        failure(
            batch(
                List.of(unit(), badUnit),
                List.of(badGoal, goal()),
                List.of(followUp(), badFollowUp)));

    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.errors())
        .containsExactly(
            new FieldError("org-units", 2, "name", "is required"),
            new FieldError("goals", 1, "cpr", "must be 10 digits, optionally written DDMMYY-SSSS"),
            new FieldError("goals", 1, "due_date", "is required"),
            new FieldError("followups", 2, "score", "must be an integer 1-10"));
    assertThat(e.errorCount()).isEqualTo(4);
    assertThat(e.getMessage()).isEqualTo("Nothing was stored: 4 record errors");
    assertThat(tx.committed()).isFalse();
    assertThat(tx.closed()).isTrue();
  }

  @Test
  void aRejectedRecordIsStillNamedToTheTransactionWithTheIdsItHasAndRefersTo() {
    RawGoal badGoal =
        new RawGoal(" G2 ", "", "boern_unge", "skole", "", "3", "7", "2021-01-10", "x", "BC", "");

    failure(batch(List.of(), List.of(badGoal), List.of(new RawFollowUp("F9", "G2", "", "5"))));

    assertThat(tx.rejections)
        .containsExactly(
            new RecordingIngestTransaction.Rejection(
                RecordKind.GOALS, 1, new RejectedKeys("G2", "BC", null, null)),
            new RecordingIngestTransaction.Rejection(
                RecordKind.FOLLOWUPS, 1, new RejectedKeys("F9", null, null, "G2")));
    assertThat(tx.goals).isEmpty();
  }

  @Test
  void theRulesAcrossRecordsComeAfterEachRecordsOwnAndAlsoStopTheCommit() {
    FieldError duplicate = new FieldError("goals", 2, "goal_id", "is not unique in the batch");
    tx.findingAcrossRecords(duplicate);

    ConnectorException e = failure(batch(List.of(), List.of(goal(), goal()), List.of()));

    assertThat(e.errors()).containsExactly(duplicate);
    assertThat(tx.goals).hasSize(2);
    assertThat(tx.committed()).isFalse();
  }

  @Test
  void aThousandErrorsAreListedAndAllAreCounted() {
    List<RawFollowUp> bad = new ArrayList<>();
    IntStream.rangeClosed(1, 1_500)
        .forEach(i -> bad.add(new RawFollowUp("F" + i, "G1", "2021-06-01", "0")));

    ConnectorException e = failure(batch(List.of(), List.of(), bad));

    assertThat(e.errors()).hasSize(IngestService.MAX_REPORTED_ERRORS);
    assertThat(e.errorCount()).isEqualTo(1_500);
    assertThat(e.getMessage())
        .isEqualTo("Nothing was stored: 1500 record errors (the first 1000 are listed)");
  }

  @Test
  void aSourceThatCannotReadSomeRecordsReportsThemAndTheOtherSourcesAreStillRead() {
    RecordSource<RawGoal> brokenGoals =
        sink -> {
          sink.accept(new Row<>(1, goal()));
          throw new ConnectorException(
              ErrorCode.VALIDATION_FAILED,
              "2 rows with the wrong field count",
              List.of(
                  new FieldError("goals", 2, "*", "has 3 fields, the header 11"),
                  new FieldError("goals", 3, "*", "has 3 fields, the header 11")),
              2);
        };

    ConnectorException e =
        failure(
            new IngestBatch(
                RecordSource.empty(),
                brokenGoals,
                RecordSource.of(List.of(new RawFollowUp("F1", "G1", "2021-06-01", "11")))));

    assertThat(e.errors())
        .extracting(FieldError::row, FieldError::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, "*"),
            org.assertj.core.groups.Tuple.tuple(3L, "*"),
            org.assertj.core.groups.Tuple.tuple(1L, "score"));
    assertThat(tx.goals).containsOnlyKeys(1L);
  }

  @Test
  void aFailureThatIsNotARecordErrorStopsTheIngestAndTheTransactionIsClosedUncommitted() {
    RecordSource<RawGoal> unreadable =
        sink -> {
          throw new ConnectorException(ErrorCode.BAD_REQUEST, "the file is not UTF-8");
        };

    assertThatThrownBy(
            () ->
                service.ingest(
                    new IngestBatch(RecordSource.empty(), unreadable, RecordSource.empty())))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThat(tx.closed()).isTrue();
    assertThat(tx.committed()).isFalse();
  }

  @Test
  void progressIsToldEveryTenThousandRecordsAndAtTheEnd() {
    List<RawFollowUp> many = new ArrayList<>();
    IntStream.rangeClosed(1, 25_000)
        .forEach(i -> many.add(new RawFollowUp("F" + i, "G1", "2021-06-01", "5")));
    List<Long> told = new ArrayList<>();

    service.ingest(batch(List.of(), List.of(), many), told::add);

    assertThat(told).containsExactly(10_000L, 20_000L, 25_000L);
    assertThat(tx.followUps).hasSize(25_000);
  }

  @Test
  void noErrorOrMessageEverRepeatsAValueWhereverTheCprNumberWasPut() {
    RawOrgUnit unitNamedByCpr = new RawOrgUnit(CPR, CPR, CPR, CPR, CPR, CPR, CPR);
    RawGoal goalFullOfCpr = new RawGoal(CPR, CPR, CPR, CPR, CPR, CPR, CPR, CPR, CPR, CPR, CPR);
    RawFollowUp followUpFullOfCpr = new RawFollowUp(CPR, CPR, CPR, CPR);

    ConnectorException e =
        failure(batch(List.of(unitNamedByCpr), List.of(goalFullOfCpr), List.of(followUpFullOfCpr)));

    assertThat(e.errors()).isNotEmpty();
    assertThat(e.getMessage()).doesNotContain(CPR).doesNotContain("150590");
    for (FieldError error : e.errors()) {
      assertThat(error.message()).doesNotContain(CPR).doesNotContain("150590");
    }
  }
}
