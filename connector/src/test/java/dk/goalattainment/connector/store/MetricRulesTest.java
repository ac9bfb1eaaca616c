package dk.goalattainment.connector.store;

import static dk.goalattainment.connector.core.engine.ReportColumn.CITIZENS;
import static dk.goalattainment.connector.core.engine.ReportColumn.CITIZENS_CHANGE_PREV;
import static dk.goalattainment.connector.core.engine.ReportColumn.CITIZENS_CHANGE_YOY;
import static dk.goalattainment.connector.core.engine.ReportColumn.DISTANCE_AVG;
import static dk.goalattainment.connector.core.engine.ReportColumn.FOLLOWUPS_OVERDUE;
import static dk.goalattainment.connector.core.engine.ReportColumn.FOLLOWUP_ON_TIME_SHARE;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOALS_DUE;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOALS_FOLLOWED_UP;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOALS_MET;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOALS_MET_SHARE_CHANGE_PREV;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOALS_MET_SHARE_CI_HIGH;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOALS_MET_SHARE_CI_LOW;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOAL_ATTAINMENT_AVG;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOAL_ATTAINMENT_AVG_CHANGE_PREV;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOAL_ATTAINMENT_CI_HIGH;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOAL_ATTAINMENT_CI_LOW;
import static dk.goalattainment.connector.core.engine.ReportColumn.GROUP_LABEL;
import static dk.goalattainment.connector.core.engine.ReportColumn.LOW_N;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dk.goalattainment.connector.Fixture;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Via;
import org.junit.jupiter.api.Test;

/** Property-style cases of domain.md §3 on small hand-made data. */
abstract class MetricRulesTest extends AbstractStoreContractTest {
  /** ROOT → AREA → {AUTH (myndighed), P1 (udfoerer), P2 (udfoerer, closed 2018-06-30)}. */
  Fixture org() {
    return new Fixture()
        .unit("ROOT", null, null)
        .unit("AREA", "ROOT", null)
        .unit("AUTH", "AREA", "myndighed")
        .unit("P1", "AREA", "udfoerer")
        .unit("P2", "AREA", "udfoerer", "2018-06-30")
        .unit("OTHER", "ROOT", null)
        .unit("AUTH2", "OTHER", "myndighed");
  }

  ReportRow only(String period, String org, Via via) {
    Report report = db.report(period, org, via, Grouping.NONE);
    assertThat(report.rows()).hasSize(1);
    return report.rows().get(0);
  }

  @Test
  void countsOnlyTheLatestFollowUpOfAGoalInAPeriod() {
    db.ingest(
        org()
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P1")
            .followUp("f1", "g1", "2018-04-10", 7) // met, earlier
            .followUp("f2", "g1", "2018-06-20", 4) // not met, latest in Q2
            .batch());

    ReportRow q2 = only("2018-Q2", "AREA", Via.AUTHORITY);

    assertThat(q2.count(GOALS_FOLLOWED_UP)).isEqualTo(1);
    assertThat(q2.count(GOALS_MET)).isZero();
    assertThat(q2.number(DISTANCE_AVG)).isEqualTo(1.0);
  }

  @Test
  void breaksDateTiesByTheHigherFollowUpId() {
    db.ingest(
        org()
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P1")
            .followUp("fB", "g1", "2018-05-01", 6) // met; "fB" > "fA"
            .followUp("fA", "g1", "2018-05-01", 2)
            .batch());

    assertThat(only("2018-Q2", "AREA", Via.AUTHORITY).count(GOALS_MET)).isEqualTo(1);
  }

  @Test
  void aGoalCountsOnceInEachPeriodThatHoldsAFollowUp() {
    db.ingest(
        org()
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P1")
            .followUp("f1", "g1", "2018-02-10", 6)
            .followUp("f2", "g1", "2018-08-10", 3)
            .batch());

    assertThat(only("2018-Q1", "AREA", Via.AUTHORITY).count(GOALS_MET)).isEqualTo(1);
    assertThat(only("2018-Q3", "AREA", Via.AUTHORITY).count(GOALS_MET)).isZero();
    ReportRow year = only("2018", "AREA", Via.AUTHORITY);
    assertThat(year.count(GOALS_FOLLOWED_UP)).isEqualTo(1);
    assertThat(year.count(GOALS_MET)).isZero();
  }

  @Test
  void rollingWindowCoversFourQuartersEndingWithItsQuarter() {
    db.ingest(
        org()
            .goal(
                "g1",
                Fixture.cpr(1),
                "voksne_udsatte",
                "relationer",
                3,
                6,
                "2017-06-01",
                "2017-12-01",
                "AUTH",
                "P1")
            .goal(
                "g2",
                Fixture.cpr(2),
                "voksne_udsatte",
                "relationer",
                3,
                6,
                "2017-06-01",
                "2017-12-01",
                "AUTH",
                "P1")
            .followUp("f1", "g1", "2018-01-05", 6) // in 2018-Q4R4
            .followUp("f2", "g2", "2017-12-31", 6) // before the window
            .followUp("f3", "g2", "2019-01-01", 6) // after it
            .batch());

    ReportRow rolling = only("2018-Q4R4", "AREA", Via.AUTHORITY);

    assertThat(rolling.count(GOALS_FOLLOWED_UP)).isEqualTo(1);
    assertThat(only("2019-Q1R4", "AREA", Via.AUTHORITY).count(GOALS_FOLLOWED_UP)).isEqualTo(1);
  }

  @Test
  void ancestorsCountDistinctCitizensNeverSums() {
    // One citizen with goals at two units of the same area; another in another area.
    db.ingest(
        org()
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P1")
            .goal("g2", Fixture.cpr(1), 3, 6, "AUTH2", null)
            .goal("g3", Fixture.cpr(2), 3, 6, "AUTH", "P2")
            .followUp("f1", "g1", "2018-05-01", 6)
            .followUp("f2", "g2", "2018-05-01", 2)
            .followUp("f3", "g3", "2018-05-01", 6)
            .batch());

    Report children = db.report("2018-Q2", "ROOT", Via.AUTHORITY, Grouping.ORG_CHILD);
    ReportRow root = only("2018-Q2", "ROOT", Via.AUTHORITY);

    assertThat(children.row("AREA").orElseThrow().count(CITIZENS)).isEqualTo(2);
    assertThat(children.row("OTHER").orElseThrow().count(CITIZENS)).isEqualTo(1);
    assertThat(root.count(CITIZENS)).isEqualTo(2); // not 2 + 1
    // citizen 1: 1 of 2 met; citizen 2: 1 of 1 → mean 0.75
    assertThat(root.number(GOAL_ATTAINMENT_AVG)).isEqualTo(0.75);
  }

  @Test
  void providerViewPlacesGoalsByProviderUnitAndLeavesOutGoalsWithoutOne() {
    db.ingest(
        org()
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P1")
            .goal("g2", Fixture.cpr(2), 3, 6, "AUTH", null)
            .goal("g3", Fixture.cpr(3), 3, 6, "AUTH2", "P1")
            .followUp("f1", "g1", "2018-05-01", 6)
            .followUp("f2", "g2", "2018-05-01", 6)
            .followUp("f3", "g3", "2018-05-01", 6)
            .batch());

    assertThat(only("2018-Q2", "AREA", Via.AUTHORITY).count(CITIZENS)).isEqualTo(2);
    assertThat(only("2018-Q2", "AREA", Via.PROVIDER).count(CITIZENS)).isEqualTo(2); // g1, g3
    assertThat(only("2018-Q2", "P1", Via.PROVIDER).count(GOALS_FOLLOWED_UP)).isEqualTo(2);
    assertThat(db.report("2018-Q2", "AUTH", Via.PROVIDER, Grouping.NONE).rows()).isEmpty();
  }

  @Test
  void closedUnitsKeepCountingAndAreMarkedClosed() {
    db.ingest(
        org()
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P2")
            .followUp("f1", "g1", "2018-11-01", 6) // after P2 closed on 2018-06-30
            .batch());

    Report children = db.report("2018-Q4", "AREA", Via.PROVIDER, Grouping.ORG_CHILD);
    ReportRow p2 = children.row("P2").orElseThrow();

    assertThat(p2.count(CITIZENS)).isEqualTo(1);
    assertThat(p2.text(GROUP_LABEL)).isEqualTo("Enhed P2 (afsluttet)");
    assertThat(only("2018-Q4", "ROOT", Via.PROVIDER).count(CITIZENS)).isEqualTo(1);
    assertThat(db.report("2018-Q1", "AREA", Via.PROVIDER, Grouping.ORG_CHILD).rows()).isEmpty();
  }

  @Test
  void unitClosedOnlyAfterThePeriodIsNotMarkedClosed() {
    db.ingest(
        org()
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P2")
            .followUp("f1", "g1", "2018-02-01", 6)
            .batch());

    ReportRow p2 =
        db.report("2018-Q1", "AREA", Via.PROVIDER, Grouping.ORG_CHILD).row("P2").orElseThrow();

    assertThat(p2.text(GROUP_LABEL)).isEqualTo("Enhed P2");
  }

  @Test
  void changesCompareWithThePreviousPeriodAndTheYearBefore() {
    db.ingest(
        org()
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P1")
            .goal("g2", Fixture.cpr(2), 3, 6, "AUTH", "P1")
            .followUp("a1", "g1", "2018-05-01", 6) // 2018-Q2: 1 citizen, met
            .followUp("b1", "g1", "2019-02-01", 2) // 2019-Q1: 2 citizens, 1 of 2 met
            .followUp("b2", "g2", "2019-02-01", 6)
            .followUp("c1", "g1", "2019-05-01", 6) // 2019-Q2: 2 citizens, both met
            .followUp("c2", "g2", "2019-05-01", 6)
            .batch());

    ReportRow q2 = only("2019-Q2", "AREA", Via.AUTHORITY);

    assertThat(q2.count(CITIZENS_CHANGE_PREV)).isZero();
    assertThat(q2.number(GOAL_ATTAINMENT_AVG_CHANGE_PREV)).isCloseTo(50.0, within(1e-9));
    assertThat(q2.number(GOALS_MET_SHARE_CHANGE_PREV)).isCloseTo(50.0, within(1e-9));
    assertThat(q2.count(CITIZENS_CHANGE_YOY)).isEqualTo(1);
    ReportRow q1 = only("2019-Q1", "AREA", Via.AUTHORITY);
    assertThat(q1.get(CITIZENS_CHANGE_PREV)).isNull(); // nothing in 2018-Q4
  }

  @Test
  void sharesCarryWilsonIntervalsAndTheMeanANormalInterval() {
    Fixture f = org();
    // 4 citizens, one goal each, 3 met.
    for (int i = 1; i <= 4; i++) {
      f.goal("g" + i, Fixture.cpr(i), 3, 6, "AUTH", "P1")
          .followUp("f" + i, "g" + i, "2018-05-01", i <= 3 ? 6 : 2);
    }
    db.ingest(f.batch());

    ReportRow row = only("2018-Q2", "AREA", Via.AUTHORITY);
    double n = 4;
    double p = 0.75;
    double z = 1.96;
    double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
    double sd = Math.sqrt((3 * Math.pow(1 - p, 2) + Math.pow(0 - p, 2)) / 3);

    assertThat(row.number(GOALS_MET_SHARE_CI_LOW)).isCloseTo(centre - half, within(1e-12));
    assertThat(row.number(GOALS_MET_SHARE_CI_HIGH)).isCloseTo(centre + half, within(1e-12));
    assertThat(row.number(GOAL_ATTAINMENT_CI_LOW))
        .isCloseTo(Math.max(0, p - z * sd / 2), within(1e-12));
    assertThat(row.number(GOAL_ATTAINMENT_CI_HIGH)).isEqualTo(1.0); // clipped
    assertThat(row.get(LOW_N)).isEqualTo(true);
  }

  @Test
  void aSingleCitizenHasNoMeanInterval() {
    db.ingest(
        org()
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P1")
            .followUp("f1", "g1", "2018-05-01", 6)
            .batch());

    ReportRow row = only("2018-Q2", "AREA", Via.AUTHORITY);

    assertThat(row.get(GOAL_ATTAINMENT_CI_LOW)).isNull();
    assertThat(row.get(GOAL_ATTAINMENT_CI_HIGH)).isNull();
  }

  @Test
  void followUpComplianceCountsGoalsByDueDateWithOrWithoutFollowUps() {
    db.ingest(
        org()
            // due in 2018-Q3 (2018-09-30); on time
            .goal("g1", Fixture.cpr(1), 3, 6, "AUTH", "P1")
            .followUp("f1", "g1", "2018-09-01", 6)
            // due in 2018-Q3; late but within the quarter? No: followed up after the due date
            .goal("g2", Fixture.cpr(2), 3, 6, "AUTH", "P1")
            // due in 2018-Q3; never followed up → overdue
            .goal("g3", Fixture.cpr(3), 3, 6, "AUTH", "P1")
            .followUp("f2", "g2", "2018-10-15", 6)
            .batch());

    // The compliance figures sit on the rows with counted follow-ups: g1 in 2018-Q3.
    ReportRow q3 = only("2018-Q3", "AREA", Via.AUTHORITY);

    assertThat(q3.count(GOALS_DUE)).isEqualTo(3);
    assertThat(q3.number(FOLLOWUP_ON_TIME_SHARE)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(q3.count(FOLLOWUPS_OVERDUE)).isEqualTo(2); // g2 (followed up after Q3) and g3
  }

  @Test
  void rejectsAnUnknownOrgNode() {
    db.ingest(org().batch());

    assertThatThrownBy(() -> db.report("2018", "NOPE", Via.AUTHORITY, Grouping.NONE))
        .isInstanceOf(ConnectorException.class)
        .extracting(e -> ((ConnectorException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }
}
