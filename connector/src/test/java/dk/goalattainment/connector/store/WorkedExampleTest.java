package dk.goalattainment.connector.store;

import static dk.goalattainment.connector.core.engine.ReportColumn.CITIZENS;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOALS_FOLLOWED_UP;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOALS_MET;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOALS_MET_SHARE;
import static dk.goalattainment.connector.core.engine.ReportColumn.GOAL_ATTAINMENT_AVG;
import static dk.goalattainment.connector.core.engine.ReportColumn.LIMITED_DECLINE_MET_SHARE;
import static dk.goalattainment.connector.core.engine.ReportColumn.LIMITED_DECLINE_UNMET_SHARE;
import static dk.goalattainment.connector.core.engine.ReportColumn.MAINTENANCE_MET_SHARE;
import static dk.goalattainment.connector.core.engine.ReportColumn.MAINTENANCE_UNMET_SHARE;
import static dk.goalattainment.connector.core.engine.ReportColumn.PROGRESSION_MET_SHARE;
import static dk.goalattainment.connector.core.engine.ReportColumn.PROGRESSION_UNMET_SHARE;
import static dk.goalattainment.connector.core.engine.ReportColumn.PROGRESS_SHARE;
import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worked example of domain.md §5, figure by figure. */
abstract class WorkedExampleTest extends AbstractStoreContractTest {
  @BeforeEach
  void load() {
    db.ingest(WorkedExample.batch());
  }

  @Test
  void networkEffectGoalAtFbuHasTwoCitizensMeetingHalfTheirGoals() {
    ReportRow nm =
        db.report("2018-Q4", "FBU", Via.AUTHORITY, Grouping.EFFECT_GOAL).row("NM").orElseThrow();

    assertThat(nm.count(CITIZENS)).isEqualTo(2);
    assertThat(nm.number(GOAL_ATTAINMENT_AVG)).isEqualTo(0.5);
    assertThat(nm.count(GOALS_FOLLOWED_UP)).isEqualTo(4);
    assertThat(nm.count(GOALS_MET)).isEqualTo(2);
    assertThat(nm.number(GOALS_MET_SHARE)).isEqualTo(0.5);
    assertThat(nm.number(PROGRESS_SHARE)).isEqualTo(0.5);
  }

  @Test
  void learningEffectGoalHasOneCitizenWhoMetEveryGoal() {
    ReportRow ls =
        db.report("2018-Q4", "FBU", Via.AUTHORITY, Grouping.EFFECT_GOAL).row("LS").orElseThrow();

    assertThat(ls.count(CITIZENS)).isEqualTo(1);
    assertThat(ls.number(GOAL_ATTAINMENT_AVG)).isEqualTo(1.0);
  }

  @Test
  void familyThemeHasTwoCitizensWithMeanOneHalf() {
    ReportRow familie =
        db.report("2018-Q4", "FBU", Via.AUTHORITY, Grouping.LIFE_THEME)
            .row("familie")
            .orElseThrow();

    assertThat(familie.count(CITIZENS)).isEqualTo(2);
    assertThat(familie.number(GOAL_ATTAINMENT_AVG)).isEqualTo(0.5);
  }

  @Test
  void goalTypeSharesWithinNetworkAreOneQuarterEach() {
    Report report =
        db.store.report(
            new ReportRequest(
                Period.quarter(2018, 4),
                "FBU",
                Via.AUTHORITY,
                Grouping.NONE,
                new Filters("NM", null, null, null, null)));
    ReportRow nm = report.rows().get(0);

    assertThat(nm.number(MAINTENANCE_UNMET_SHARE)).isEqualTo(0.25);
    assertThat(nm.number(LIMITED_DECLINE_MET_SHARE)).isEqualTo(0.25);
    assertThat(nm.number(PROGRESSION_MET_SHARE)).isEqualTo(0.25);
    assertThat(nm.number(PROGRESSION_UNMET_SHARE)).isEqualTo(0.25);
    assertThat(nm.number(MAINTENANCE_MET_SHARE)).isEqualTo(0.0);
    assertThat(nm.number(LIMITED_DECLINE_UNMET_SHARE)).isEqualTo(0.0);
  }

  @Test
  void wholeSliceAveragesEachCitizensOwnShare() {
    ReportRow all =
        db.report("2018-Q4", "SOC", Via.AUTHORITY, Grouping.NONE).row("*").orElseThrow();

    // A met 2 of 3, B met 1 of 2: mean of 2/3 and 1/2 = 7/12, published rounded half up to the
    // documented 12 decimals (FixedPoint).
    assertThat(all.count(CITIZENS)).isEqualTo(2);
    assertThat(all.number(GOAL_ATTAINMENT_AVG)).isEqualTo(0.583333333333);
    assertThat(all.count(GOALS_FOLLOWED_UP)).isEqualTo(5);
    assertThat(all.count(GOALS_MET)).isEqualTo(3);
  }
}
