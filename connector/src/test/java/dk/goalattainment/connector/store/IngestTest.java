package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.goalattainment.connector.Fixture;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.IngestCounts;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RecordKind;
import dk.goalattainment.connector.core.ingest.RecordSource;
import dk.goalattainment.connector.core.ingest.RejectedKeys;
import dk.goalattainment.connector.core.model.FollowUp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ingest: all-or-nothing, idempotent replace by id, every cross-record rule, no CPR in errors. */
abstract class IngestTest extends AbstractStoreContractTest {
  /** Three synthetic CPR numbers that {@link #ingestGoalsOfKnownCprNumbers()} stores goals for. */
  static final String[] KNOWN_CPRS = {"0101801234", "150372-4321", "2902045678"};

  /** Ingests one goal and follow-up for each of {@link #KNOWN_CPRS}. */
  void ingestGoalsOfKnownCprNumbers() {
    Fixture f = new Fixture().unit("A", null, "myndighed");
    for (int i = 0; i < KNOWN_CPRS.length; i++) {
      f.goal("g" + i, KNOWN_CPRS[i], 3, 6, "A", null).followUp("f" + i, "g" + i, "2018-05-01", 6);
    }
    db.ingest(f.batch());
  }

  /** The forms a stored CPR number could take: ten digits, and DDMMYY-SSSS. */
  static List<String> storedForms(String cpr) {
    String digits = cpr.replace("-", "");
    return List.of(digits, digits.substring(0, 6) + "-" + digits.substring(6));
  }

  private ConnectorException failure(IngestBatch batch) {
    ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> db.ingest(batch));
    assertThat(e).as("the ingest should fail").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    return e;
  }

  private static List<String> messages(ConnectorException e) {
    return e.errors().stream().map(FieldError::message).toList();
  }

  @Test
  void storesTrickyCsvTextsExactlyAsTheyWereRead() {
    byte[] csv =
        ("\uFEFFunit_id,name,parent_id,role,valid_from,valid_to\r\n"
                + "Q1,\"Bofællesskabet \"\"Åløkke\"\", Ærø\",,myndighed,2020-01-01,\r\n"
                + "Q2,\"Linje et\nlinje to, ØST\",Q1,,2020-01-01,2030-12-31\r\n"
                + "Q3,\"Tre\r\nlinjer; \"\"\"\"\",Q1,,2020-01-01,\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    db.ingest(IngestBatch.ofOrgUnits(dk.goalattainment.connector.ingest.CsvRecords.orgUnits(csv)));

    var q1 = db.store.orgUnit("Q1").orElseThrow();
    var q2 = db.store.orgUnit("Q2").orElseThrow();
    var q3 = db.store.orgUnit("Q3").orElseThrow();
    assertThat(q1.name()).isEqualTo("Bofællesskabet \"Åløkke\", Ærø");
    assertThat(q1.parentId()).isNull();
    assertThat(q1.validTo()).isNull();
    assertThat(q1.level()).isNull();
    assertThat(q2.name()).isEqualTo("Linje et\nlinje to, ØST");
    assertThat(q2.parentId()).isEqualTo("Q1");
    assertThat(q2.role()).isNull();
    assertThat(q2.validTo()).isEqualTo(java.time.LocalDate.of(2030, 12, 31));
    assertThat(q3.name()).isEqualTo("Tre\r\nlinjer; \"\"");
  }

  @Test
  void storesAValidBatchAndCountsWhatItStored() {
    IngestCounts counts = db.ingest(WorkedExample.batch());

    assertThat(counts.of(RecordKind.ORG_UNITS).inserted()).isEqualTo(4);
    assertThat(counts.of(RecordKind.GOALS).inserted()).isEqualTo(5);
    assertThat(counts.of(RecordKind.FOLLOWUPS).inserted()).isEqualTo(5);
    assertThat(db.store.tableCounts())
        .isEqualTo(Map.of("org_unit", 4L, "goal", 5L, "followup", 5L));
  }

  @Test
  void reIngestingTheSameRecordsReplacesThem() {
    db.ingest(WorkedExample.batch());
    IngestCounts again = db.ingest(WorkedExample.batch());

    assertThat(again.of(RecordKind.GOALS).replaced()).isEqualTo(5);
    assertThat(again.of(RecordKind.GOALS).inserted()).isZero();
    assertThat(db.store.tableCounts())
        .isEqualTo(Map.of("org_unit", 4L, "goal", 5L, "followup", 5L));
  }

  @Test
  void aReSentFollowUpReplacesItsScore() {
    db.ingest(WorkedExample.batch());
    db.ingest(
        IngestBatch.ofFollowUps(
            RecordSource.of(List.of(new RawFollowUp("f2", "g2", "2018-11-15", "9")))));

    // g2 is now met: A has 2 of 2 in NM.
    assertThat(
            db.report(
                    "2018-Q4",
                    "FBU",
                    dk.goalattainment.connector.core.model.Via.AUTHORITY,
                    dk.goalattainment.connector.core.model.Grouping.EFFECT_GOAL)
                .row("NM")
                .orElseThrow()
                .number(dk.goalattainment.connector.core.engine.ReportColumn.GOAL_ATTAINMENT_AVG))
        .isEqualTo(0.75);
  }

  @Test
  void storesNothingWhenOneRecordIsInvalidAndListsEveryError() {
    Fixture f =
        new Fixture()
            .unit("ROOT", null, null)
            .unit("A", "ROOT", "myndighed")
            .goal("g1", Fixture.cpr(1), 3, 6, "A", null)
            .goal("g2", "3113801234", 3, 6, "A", null) // 31 Nov does not exist
            .goal("g3", Fixture.cpr(3), 11, 6, "MISSING", null)
            .followUp("f1", "g1", "2018-02-01", 6)
            .followUp("f2", "nope", "2018-02-01", 6);

    ConnectorException e = failure(f.batch());

    assertThat(messages(e))
        .containsExactly(
            "goals: row 2, field cpr: the first six digits must be a real date (DDMMYY)",
            "goals: row 3, field baseline_score: must be an integer 1-10",
            "goals: row 3, field authority_unit_id: no org unit has this id",
            "followups: row 2, field goal_id: no goal has this id");
    assertThat(db.store.tableCounts())
        .isEqualTo(Map.of("org_unit", 0L, "goal", 0L, "followup", 0L));
  }

  @Test
  void neverRepeatsACprNumberInAnError() {
    String cpr = "3113801234";
    String dashed = "311380-1234";
    RawGoal bad = new RawGoal(cpr, dashed, "nope", "nope", "nope", cpr, "x", cpr, "y", cpr, cpr);

    ConnectorException e = failure(IngestBatch.ofGoals(RecordSource.of(List.of(bad))));

    String all = e.getMessage() + String.join("\n", messages(e));
    assertThat(all).doesNotContain("311380", "1234", "3113801234");
    assertThat(messages(e)).hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void rejectsFollowUpBeforeGoalWasSet() {
    Fixture f =
        new Fixture()
            .unit("A", null, "myndighed")
            .goal("g1", Fixture.cpr(1), 3, 6, "A", null)
            .followUp("f1", "g1", "2018-01-14", 6);

    assertThat(messages(failure(f.batch())))
        .containsExactly("followups: row 1, field followup_date: is before the goal's set_date");
  }

  @Test
  void rejectsAFollowUpBeforeAStoredGoalsSetDateToo() {
    db.ingest(
        new Fixture()
            .unit("A", null, "myndighed")
            .goal("g1", Fixture.cpr(1), 3, 6, "A", null)
            .batch());

    ConnectorException e =
        failure(
            IngestBatch.ofFollowUps(
                RecordSource.of(List.of(new RawFollowUp("f1", "g1", "2017-12-01", "6")))));

    assertThat(messages(e))
        .containsExactly("followups: row 1, field followup_date: is before the goal's set_date");
  }

  @Test
  void derivesAMissingGoalTypeAndRejectsOneThatContradictsTheScores() {
    RawGoal contradicting =
        new RawGoal(
            "g1",
            Fixture.cpr(1),
            "voksne_udsatte",
            "relationer",
            "maintenance",
            "3",
            "6",
            "2018-01-01",
            "2018-06-01",
            "A",
            null);
    Fixture org = new Fixture().unit("A", null, "myndighed");
    db.ingest(org.batch());

    assertThat(messages(failure(IngestBatch.ofGoals(RecordSource.of(List.of(contradicting))))))
        .singleElement()
        .asString()
        .startsWith("goals: row 1, field goal_type: contradicts the scores");
  }

  @Test
  void rejectsAThemeOutsideTheTargetGroupsCatalogue() {
    db.ingest(new Fixture().unit("A", null, "myndighed").batch());
    RawGoal childThemeOnAdult =
        new RawGoal(
            "g1",
            Fixture.cpr(1),
            "voksne_udsatte",
            "skole",
            null,
            "3",
            "6",
            "2018-01-01",
            "2018-06-01",
            "A",
            null);

    assertThat(messages(failure(IngestBatch.ofGoals(RecordSource.of(List.of(childThemeOnAdult))))))
        .singleElement()
        .asString()
        .startsWith("goals: row 1, field life_theme: is outside the target group's catalogue");
  }

  @Test
  void rejectsDuplicateIdsInOneBatch() {
    Fixture f =
        new Fixture()
            .unit("A", null, "myndighed")
            .goal("g1", Fixture.cpr(1), 3, 6, "A", null)
            .goal("g1", Fixture.cpr(2), 3, 6, "A", null);

    assertThat(messages(failure(f.batch())))
        .containsExactly(
            "goals: row 2, field goal_id: the same id is already at row 1 of this batch");
  }

  @Test
  void aRepeatedGoalIdBesideFollowUpsStillListsEveryError() {
    Fixture f =
        new Fixture()
            .unit("A", null, "myndighed")
            .goal("g1", Fixture.cpr(1), 3, 6, "A", null)
            .goal("g1", Fixture.cpr(2), 3, 6, "A", null)
            .followUp("f1", "g1", "2018-01-14", 6)
            .followUp("f2", "nope", "2018-02-01", 6);

    assertThat(messages(failure(f.batch())))
        .containsExactly(
            "goals: row 2, field goal_id: the same id is already at row 1 of this batch",
            "followups: row 1, field followup_date: is before the goal's set_date",
            "followups: row 2, field goal_id: no goal has this id");
    assertThat(db.store.tableCounts())
        .isEqualTo(Map.of("org_unit", 0L, "goal", 0L, "followup", 0L));
  }

  @Test
  void goalsStoredWhileTheFollowUpsAreReadAreCountedAndRolledBackWithTheRest() {
    db.ingest(WorkedExample.batch());
    Fixture f = new Fixture().unit("B", null, "myndighed");
    f.goal("n1", Fixture.cpr(1), 3, 6, "B", null).followUp("m1", "n1", "2018-01-14", 6);

    ConnectorException e = failure(f.batch());

    assertThat(messages(e))
        .containsExactly("followups: row 1, field followup_date: is before the goal's set_date");
    assertThat(db.store.tableCounts())
        .isEqualTo(Map.of("org_unit", 4L, "goal", 5L, "followup", 5L));
    IngestCounts again = db.ingest(WorkedExample.batch());
    assertThat(again.of(RecordKind.GOALS).replaced()).isEqualTo(5);
    assertThat(again.of(RecordKind.GOALS).inserted()).isZero();
  }

  @Test
  void anIngestStagesItsGoalsBeforeItsFollowUps() {
    try (var tx = db.store.beginIngest()) {
      tx.stageFollowUp(1, new FollowUp("f1", "g1", java.time.LocalDate.of(2018, 2, 1), 6));

      assertThatThrownBy(
              () -> tx.rejected(RecordKind.GOALS, 1, new RejectedKeys("g1", null, null, null)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("goals before its follow-ups");
    }
    assertThat(db.store.tableCounts())
        .isEqualTo(Map.of("org_unit", 0L, "goal", 0L, "followup", 0L));
  }

  @Test
  void rejectsAUnitIdWithTheOrgPathSeparator() {
    Fixture f = new Fixture().unit("FBU/BC", null, null);

    assertThat(messages(failure(f.batch())))
        .containsExactly(
            "org-units: row 1, field unit_id: must not contain '/', which separates the ids of an"
                + " org path");
  }

  /** More rows than the staging pipeline holds at once: every batch boundary and the rest. */
  private static final int MANY = 2 * StagingPipeline.BATCH + 7;

  @Test
  void aBatchLargerThanTheStagingBuffersIsStoredWholeAndRowByRow() throws Exception {
    Fixture f = new Fixture().unit("A", null, "myndighed");
    Map<String, String> expected = new java.util.HashMap<>();
    for (int i = 0; i < MANY; i++) {
      f.goal("g" + i, Fixture.cpr(i % 500), 3, 6, "A", null);
      f.followUp("f" + i, "g" + i, "2018-05-01", i % 10 + 1);
      expected.put("f" + i, "g" + i + " " + (i % 10 + 1));
    }

    IngestCounts counts = db.ingest(f.batch());

    assertThat(counts.of(RecordKind.FOLLOWUPS).inserted()).isEqualTo(MANY);
    assertThat(db.store.tableCounts())
        .isEqualTo(Map.of("org_unit", 1L, "goal", (long) MANY, "followup", (long) MANY));
    Map<String, String> stored = new java.util.HashMap<>();
    try (java.sql.Connection c = db.store.dialect().connect();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery("SELECT followup_id, goal_id, score FROM followup")) {
      while (rs.next()) {
        stored.put(rs.getString(1), rs.getString(2) + " " + rs.getInt(3));
      }
    }
    assertThat(stored).isEqualTo(expected);
  }

  @Test
  void aDatabaseFailureWhileStagingStoresNothingAndFreesTheStore() throws Exception {
    db.ingest(WorkedExample.batch());
    Fixture f = new Fixture().unit("B", null, "myndighed");
    for (int i = 0; i < MANY; i++) {
      f.goal("n" + i, Fixture.cpr(i % 500), 3, 6, "B", null)
          .followUp("m" + i, "n" + i, "2018-05-01", 6);
    }
    TestStore failing =
        new TestStore(
            failingAfter(db.store.dialect(), "stage_followup", StagingPipeline.BATCH + 1));

    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> failing.ingest(f.batch()));

    assertThat(e).as("the ingest should fail").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE);
    assertThat(e.getMessage()).contains("stage_followup", "injected failure");
    assertThat(db.store.tableCounts())
        .isEqualTo(Map.of("org_unit", 4L, "goal", 5L, "followup", 5L));
    assertThat(db.ingest(f.batch()).of(RecordKind.GOALS).inserted()).isEqualTo(MANY);
  }

  /**
   * {@code dialect}, except that its stage writer for {@code table} fails at the {@code row}-th
   * row, as a database that runs out of room would.
   */
  private static SqlDialect failingAfter(SqlDialect dialect, String table, int row) {
    java.lang.reflect.InvocationHandler handler =
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(dialect, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("stageWriter") && table.equals(args[1])) {
            BulkWriter writer = (BulkWriter) result;
            int[] written = {0};
            return new BulkWriter() {
              @Override
              public void append(Object... values) throws java.sql.SQLException {
                if (++written[0] == row) {
                  throw new java.sql.SQLException("injected failure at row " + row);
                }
                writer.append(values);
              }

              @Override
              public void appendCsv(byte[] bytes, int length, int rows)
                  throws java.sql.SQLException {
                if (written[0] < row && written[0] + rows >= row) {
                  throw new java.sql.SQLException("injected failure at row " + row);
                }
                written[0] += rows;
                writer.appendCsv(bytes, length, rows);
              }

              @Override
              public void close() throws java.sql.SQLException {
                writer.close();
              }
            };
          }
          return result;
        };
    return (SqlDialect)
        java.lang.reflect.Proxy.newProxyInstance(
            SqlDialect.class.getClassLoader(), new Class<?>[] {SqlDialect.class}, handler);
  }

  @Test
  void rejectsACycleInTheOrgTree() {
    db.ingest(new Fixture().unit("A", null, null).unit("B", "A", null).batch());

    Fixture cycle = new Fixture().unit("A", "B", null);

    assertThat(messages(failure(cycle.batch())))
        .containsExactly("org-units: row 1, field parent_id: makes a cycle in the org tree");
  }

  @Test
  void keepsAGivenLevelAndDerivesTheOthersFromTheTree() throws Exception {
    db.ingest(WorkedExample.batch());
    db.ingest(new Fixture().unitAt("SEK", "SOC", "myndighed", "driftsomraade").batch());

    assertThat(db.store.orgUnit("SEK").orElseThrow().level())
        .isEqualTo(dk.goalattainment.connector.core.model.OrgLevel.DRIFTSOMRAADE);
    assertThat(db.store.orgUnit("BC").orElseThrow().level()).isNull();
    assertThat(effectiveLevels())
        .containsEntry("SOC", "forvaltning")
        .containsEntry("FBU", "driftsomraade")
        .containsEntry("BC", "enhed")
        .containsEntry("FBU-M", "enhed")
        .containsEntry("SEK", "driftsomraade");

    // a team below BC: a unit with a role under a unit with a role
    db.ingest(new Fixture().unit("BC-T", "BC", "udfoerer").batch());
    assertThat(effectiveLevels()).containsEntry("BC-T", "team").containsEntry("BC", "enhed");
  }

  private Map<String, String> effectiveLevels() throws java.sql.SQLException {
    Map<String, String> levels = new java.util.HashMap<>();
    try (java.sql.Connection c = db.store.dialect().connect();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT unit_id, org_level FROM org_unit")) {
      while (rs.next()) {
        levels.put(rs.getString(1), rs.getString(2));
      }
    }
    return levels;
  }

  @Test
  void rejectsAnUnknownLevelAndALevelAboveItsParents() {
    Fixture unknown = new Fixture().unitAt("A", null, null, "region");
    assertThat(messages(failure(unknown.batch())))
        .containsExactly(
            "org-units: row 1, field level: must be empty or one of kommune, forvaltning,"
                + " driftsomraade, enhed, team");

    db.ingest(new Fixture().unitAt("A", null, null, "forvaltning").batch());
    Fixture above = new Fixture().unitAt("B", "A", "myndighed", "kommune");
    assertThat(messages(failure(above.batch())))
        .containsExactly(
            "org-units: row 1, field level: places the unit above its parent's level (given or"
                + " derived); give a level at or below the parent's");
    Fixture parentBelow = new Fixture().unitAt("A", null, null, "team");
    db.ingest(new Fixture().unit("B", "A", "myndighed").batch());
    assertThat(messages(failure(parentBelow.batch())))
        .containsExactly(
            "org-units: row 1, field level: places the unit below the level of a unit under it;"
                + " give a level at or above its units' levels");
  }

  @Test
  void aFollowUpOfAnInvalidGoalIsNotReportedTwice() {
    Fixture f =
        new Fixture()
            .unit("A", null, "myndighed")
            .goal("g1", "123", 3, 6, "A", null)
            .followUp("f1", "g1", "2018-02-01", 6);

    assertThat(messages(failure(f.batch())))
        .containsExactly(
            "goals: row 1, field cpr: must be 10 digits, optionally written DDMMYY-SSSS");
  }
}
