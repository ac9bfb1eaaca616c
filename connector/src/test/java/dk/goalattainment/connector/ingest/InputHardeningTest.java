package dk.goalattainment.connector.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.goalattainment.connector.Fixture;
import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.DateWindow;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.IngestService;
import dk.goalattainment.connector.core.ingest.RecordValidator;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that could break the store is refused at ingest, in CSV and in JSON alike: dates outside
 * the plausible window or not written exactly YYYY-MM-DD, scores that are not plain ASCII digits;
 * and a flood of errors is listed only up to a cap, with the total.
 */
class InputHardeningTest {
  static final String HEADER =
      "goal_id,cpr,target_group,life_theme,baseline_score,target_score,set_date,due_date,"
          + "authority_unit_id\n";

  @TempDir Path dir;
  TestStore db;

  @BeforeEach
  void storeWithOneUnit() {
    db = new TestStore(dir);
    db.ingest(new Fixture().unit("U", null, "myndighed").batch());
  }

  @AfterEach
  void close() {
    db.close();
  }

  static String goalCsv(String baseline, String target, String setDate, String dueDate) {
    return HEADER
        + String.join(
            ",",
            "G1",
            Fixture.cpr(1),
            "voksne_udsatte",
            "relationer",
            baseline,
            target,
            setDate,
            dueDate,
            "U")
        + "\n";
  }

  static String goalJson(String baseline, String target, String setDate, String dueDate) {
    return "[{\"goal_id\":\"G1\",\"cpr\":\""
        + Fixture.cpr(1)
        + "\",\"target_group\":\"voksne_udsatte\",\"life_theme\":\"relationer\","
        + "\"baseline_score\":\""
        + baseline
        + "\",\"target_score\":\""
        + target
        + "\",\"set_date\":\""
        + setDate
        + "\",\"due_date\":\""
        + dueDate
        + "\",\"authority_unit_id\":\"U\"}]";
  }

  /** The errors of ingesting one goal, from CSV and from JSON (which must agree). */
  List<String> errors(String baseline, String target, String setDate, String dueDate) {
    List<String> csv =
        messages(
            IngestBatch.ofGoals(
                CsvRecords.goals(goalCsv(baseline, target, setDate, dueDate).getBytes(UTF_8))));
    List<String> json =
        messages(
            IngestBatch.ofGoals(
                JsonRecords.goals(goalJson(baseline, target, setDate, dueDate).getBytes(UTF_8))));
    assertThat(json).as("JSON gives the same errors as CSV").isEqualTo(csv);
    return csv;
  }

  List<String> messages(IngestBatch batch) {
    ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> db.ingest(batch));
    return e == null ? List.of() : e.errors().stream().map(FieldError::message).toList();
  }

  @Test
  void refusesDatesOutsideThePlausibleWindowOrNotWrittenYyyyMmDd() {
    String latest = LocalDate.now().plusYears(5).toString();
    for (String due :
        List.of(
            "3019-05-01",
            "+12019-02-03",
            "+10000-01-01",
            "12019-02-03",
            "-2019-02-03",
            "2019-2-03",
            "2019-02-30",
            "２０１９-02-03",
            "٢٠١٩-02-03",
            "2019-02-03T00:00",
            "20190203")) {
      List<String> errors = errors("3", "6", "2018-03-01", due);

      assertThat(errors).as(due).hasSize(1);
      assertThat(errors.get(0))
          .as(due)
          .startsWith("goals: row 1, field due_date: ")
          .doesNotContain(due)
          .matches(
              m ->
                  m.endsWith("must be a date written YYYY-MM-DD")
                      || m.contains("must lie between 1900-01-01 and " + latest),
              "names the format or the window");
    }
    assertThat(errors("3", "6", "1899-12-31", "2018-06-01"))
        .containsExactly(
            "goals: row 1, field set_date: must lie between 1900-01-01 and "
                + latest
                + " (the plausible dates)");
  }

  @Test
  void refusesADueDateMoreThanFiveYearsAfterTheSetDate() {
    assertThat(errors("3", "6", "2018-03-01", "2023-03-02"))
        .containsExactly("goals: row 1, field due_date: must lie at most 5 years after set_date");
    assertThat(errors("3", "6", "2018-03-01", "2023-03-01")).isEmpty();
  }

  @Test
  void refusesScoresThatAreNotPlainAsciiDigits() {
    for (String score : List.of("٧", "７", "١٠", "+7", "-7", "7.0", "1e1", "0x7", "7 7", "۷")) {
      assertThat(errors(score, "6", "2018-03-01", "2018-09-01"))
          .as(score)
          .containsExactly("goals: row 1, field baseline_score: must be an integer 1-10");
    }
    assertThat(errors("07", "10", "2018-03-01", "2018-09-01")).as("leading zero").isEmpty();
  }

  @Test
  void followUpAndOrgUnitDatesAreCheckedTheSameWay() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                db.ingest(
                    new IngestBatch(
                        CsvRecords.orgUnits(
                            "unit_id,name,valid_from,valid_to\nV,Vest,2010-01-01,9999-12-31\n"
                                .getBytes(UTF_8)),
                        JsonRecords.goals("[]".getBytes(UTF_8)),
                        JsonRecords.followUps(
                            "[{\"followup_id\":\"F\",\"goal_id\":\"G\",\"followup_date\":"
                                .concat("\"+12019-01-01\",\"score\":5}]")
                                .getBytes(UTF_8)))));

    assertThat(e.errors())
        .extracting(FieldError::message)
        .contains(
            "org-units: row 1, field valid_to: must lie between 1900-01-01 and "
                + LocalDate.now().plusYears(5)
                + " (the plausible dates)",
            "followups: row 1, field followup_date: must be a date written YYYY-MM-DD");
  }

  @Test
  void theWindowIsConfigurable() {
    Clock clock = Clock.fixed(Instant.parse("2020-06-01T00:00:00Z"), ZoneOffset.UTC);
    DateWindow window = new DateWindow(LocalDate.of(2000, 1, 1), 1, 2, clock);
    IngestService strict =
        new IngestService(
            new RecordValidator(TestCatalogue.get(), new Pseudonymizer(TestStore.KEY), window),
            db.store::beginIngest);

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                strict.ingest(
                    IngestBatch.ofGoals(
                        CsvRecords.goals(
                            goalCsv("3", "6", "1999-12-31", "2021-06-02").getBytes(UTF_8)))));

    assertThat(window.latest()).isEqualTo(LocalDate.of(2021, 6, 1));
    assertThat(e.errors())
        .extracting(FieldError::message)
        .containsExactly(
            "goals: row 1, field set_date: must lie between 2000-01-01 and 2021-06-01 (the"
                + " plausible dates)",
            "goals: row 1, field due_date: must lie between 2000-01-01 and 2021-06-01 (the"
                + " plausible dates)");
  }

  @Test
  void aHeaderOfAHundredThousandUnknownColumnsGivesACappedErrorList() {
    StringBuilder header = new StringBuilder("goal_id");
    for (int i = 0; i < 100_000; i++) {
      header.append(",extra_column_").append((char) ('a' + i % 26));
    }
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                db.ingest(IngestBatch.ofGoals(CsvRecords.goals((header + "\n").getBytes(UTF_8)))));

    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.errors()).hasSize(IngestService.MAX_REPORTED_ERRORS);
    assertThat(e.errorCount()).isEqualTo(100_000 + 8); // the unknown columns and 8 missing ones
    assertThat(e.errors().get(0).message())
        .isEqualTo("goals: header, field cpr: column is missing from the header");
  }

  @Test
  void manyBadRowsGiveTheFirstThousandErrorsAndTheirCount() {
    StringBuilder csv = new StringBuilder("followup_id,goal_id,followup_date,score\n");
    for (int i = 0; i < 3_000; i++) {
      csv.append("F").append(i).append(",G,2019-01-01,11\n");
    }
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                db.ingest(
                    IngestBatch.ofFollowUps(CsvRecords.followUps(csv.toString().getBytes(UTF_8)))));

    assertThat(e.errors()).hasSize(1_000);
    assertThat(e.errorCount()).isEqualTo(6_000); // a bad score and an unknown goal per row
    assertThat(e.getMessage()).contains("6000 record errors (the first 1000 are listed)");
  }

  @Test
  void aThirtyMegabyteJsonStringIsNamedByRowAndField() {
    String huge = "1".repeat(30 * 1024 * 1024);
    List<byte[]> bodies = new ArrayList<>();
    bodies.add(
        ("[{\"goal_id\":\"G1\"},{\"goal_id\":\"G2\",\"cpr\":\"" + huge + "\"}]").getBytes(UTF_8));

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> db.ingest(IngestBatch.ofGoals(JsonRecords.goals(bodies.get(0)))));

    assertThat(e.errors())
        .extracting(FieldError::message)
        .contains(
            "goals: row 2, field cpr: is longer than the 1,000,000 characters a value may have");
    assertThat(e.getMessage()).doesNotContain("not well-formed");
  }
}
