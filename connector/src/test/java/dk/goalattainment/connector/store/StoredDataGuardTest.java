package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.ingest.DateWindow;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the store does for security, alike on every database: the refresh stops on stored records it
 * cannot place (naming them) instead of failing inside the build, org subtrees are found by the org
 * closure, dataset rows are limited to a token's subtrees, and a filter value of the wrong type
 * never reaches the SQL.
 */
public abstract class StoredDataGuardTest extends AbstractStoreContractTest {
  static final Definitions DEFINITIONS =
      CheckedDefinitions.load(
              new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
          .definitions();

  ConnectorRuntime runtime() {
    return new ConnectorRuntime(
        TestCatalogue.get(), DEFINITIONS, db.store, new Pseudonymizer(TestStore.KEY));
  }

  void sql(String... statements) throws SQLException {
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  @Test
  void aRefreshMeetingStoredDatesNoPeriodCanHoldNamesTheRecordsAndChangesNothing()
      throws SQLException {
    db.ingest(WorkedExample.batch());
    // old data, stored before the ingest checked dates
    sql(
        "INSERT INTO goal VALUES ('g-3019', 'k', 'boern_unge_udsatte', 'skole', 'LS',"
            + " 'progression', 3, 6, DATE '2018-03-01', DATE '3019-05-01', 'FBU-M', NULL,"
            + " '6-12')",
        "INSERT INTO followup VALUES ('f-far', 'g1', DATE '12019-02-03', 6)");

    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> runtime().refresh(step -> {}));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.STORED_DATA_INVALID);
    assertThat(e.code().httpStatus()).isEqualTo(409);
    assertThat(e.getMessage())
        .contains("2 stored dates")
        .contains("followups f-far (followup_date)")
        .contains("goals g-3019 (due_date)")
        .contains("Send each record again with a corrected date")
        .doesNotContainIgnoringCase("year out of range");
    assertThat(db.store.lastEvent("refresh")).as("nothing was refreshed").isEmpty();
  }

  @Test
  void aCorrectedRecordLetsTheRefreshRunAgain() throws SQLException {
    db.ingest(WorkedExample.batch());
    sql("INSERT INTO followup VALUES ('f-far', 'g1', DATE '3019-02-03', 6)");
    assertThat(new UnplaceableRecords(db.store).find(DateWindow.defaults()))
        .containsExactly(new UnplaceableRecords.Unplaceable("followups", "f-far", "followup_date"));

    sql("UPDATE followup SET followup_date = DATE '2018-12-03' WHERE followup_id = 'f-far'");
    runtime().refresh(step -> {});

    assertThat(db.store.lastEvent("refresh")).isPresent();
  }

  @Test
  void findsSubtreesAndTheirPathsByTheOrgClosure() {
    db.ingest(WorkedExample.batch());

    assertThat(db.store.within("BC", Set.of("FBU"))).isTrue();
    assertThat(db.store.within("FBU", Set.of("FBU"))).isTrue();
    assertThat(db.store.within("SOC", Set.of("FBU"))).as("an ancestor is outside").isFalse();
    assertThat(db.store.within("NOPE", Set.of("FBU"))).isFalse();
    assertThat(db.store.within("BC", Set.of())).isFalse();
    assertThat(db.store.orgPaths(Set.of("BC", "FBU", "NOPE")))
        .containsExactly("/SOC/FBU/", "/SOC/FBU/BC/");
  }

  @Test
  void limitsDatasetRowsToTheSubtreesOfAnOrgLimitedCaller() {
    db.ingest(WorkedExample.batch());
    runtime().refresh(step -> {});
    DatasetDefinition followUps = DEFINITIONS.dataset("goal_followups").orElseThrow();
    DatasetDefinition cube = DEFINITIONS.dataset("attainment").orElseThrow();
    DatasetQueries q = new DatasetQueries(db.store);

    assertThat(q.rows(followUps, Map.of(), 0, 100, Set.of("BC")).total()).isEqualTo(5);
    assertThat(q.rows(followUps, Map.of(), 0, 100, Set.of("FBU-M")).total()).isEqualTo(5);
    assertThat(q.rows(followUps, Map.of(), 0, 100, Set.of("NOPE")).total()).isZero();
    assertThat(q.rows(cube, Map.of(), 0, 50_000, Set.of("BC")).rows())
        .isNotEmpty()
        .allMatch(r -> r.get("org_path").toString().startsWith("/SOC/FBU/BC/"));
    assertThat(q.rows(cube, Map.of(), 0, 50_000, null).total())
        .isGreaterThan(q.rows(cube, Map.of(), 0, 50_000, Set.of("FBU")).total());
  }

  @Test
  void aFilterValueOfTheWrongTypeIsABadRequestNamingTheColumnAndType() {
    db.ingest(WorkedExample.batch());
    runtime().refresh(step -> {});
    DatasetDefinition cube = DEFINITIONS.dataset("attainment").orElseThrow();

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                new DatasetQueries(db.store)
                    .rows(
                        cube,
                        Map.of(
                            "citizens", List.of("010190 1234"),
                            "period_start", List.of("2018-13-01"),
                            "low_n", List.of("yes")),
                        0,
                        10));

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.getMessage())
        .contains("citizens must be an integer")
        .contains("(BIGINT)")
        .contains("period_start must be a date")
        .contains("low_n must be true or false")
        .doesNotContain("010190")
        .doesNotContain("2018-13")
        .doesNotContainIgnoringCase("select");
    assertThat(
            new DatasetQueries(db.store)
                .rows(cube, Map.of("citizens", List.of(" 2 ")), 0, 10)
                .total())
        .as("a well-typed value still filters")
        .isPositive();
  }
}
