package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.demo.DemoData;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric, grouping, filter, view and kind of period on a few hundred synthetic citizens: the
 * figures must hang together the same way on every database.
 */
abstract class SlicesTest extends AbstractStoreContractTest {
  /** Demo citizens ingested before each test. */
  static final int CITIZENS = 300;

  static final long SEED = 7;

  /** The demo data's root below the municipality; every goal lies in its subtree. */
  static final String ORG = "SOC";

  /** A quarter and a rolling year (a calendar year is the same SQL as a rolling one). */
  static final List<String> PERIODS = List.of("2019-Q4", "2020-Q2R4");

  /** Columns that name the group, so differ between a group row and the filtered slice. */
  static final Set<ReportColumn> GROUP_NAMING =
      Set.of(ReportColumn.GROUP, ReportColumn.GROUP_LABEL, ReportColumn.GROUPING);

  @BeforeEach
  void ingestDemoData() {
    db.ingest(new DemoData(TestCatalogue.get(), CITIZENS, SEED).batch());
  }

  Report report(String period, Via via, Grouping grouping, Filters filters) {
    return db.store.report(
        new ReportRequest(Period.tryParse(period).orElseThrow(), ORG, via, grouping, filters));
  }

  @Test
  void everyMetricHasAValueForABusySlice() {
    ReportRow all = report("2019-Q4", Via.AUTHORITY, Grouping.NONE, Filters.NONE).rows().get(0);

    for (ReportColumn column : ReportColumn.values()) {
      assertThat(all.get(column)).as(column.id()).isNotNull();
    }
    assertThat(all.count(ReportColumn.CITIZENS)).isGreaterThanOrEqualTo(20);
    assertThat(all.get(ReportColumn.LOW_N)).isEqualTo(false);
  }

  @Test
  void everyGroupingSplitsTheSliceWithoutLosingOrDoublingAGoal() {
    for (String period : PERIODS) {
      for (Via via : Via.values()) {
        ReportRow total = report(period, via, Grouping.NONE, Filters.NONE).rows().get(0);
        for (Grouping grouping : EnumSet.complementOf(EnumSet.of(Grouping.NONE))) {
          String slice = period + " " + via + " " + grouping;
          List<ReportRow> rows = report(period, via, grouping, Filters.NONE).rows();

          assertThat(rows).as(slice).hasSizeGreaterThan(1);
          assertThat(sum(rows, ReportColumn.GOALS_FOLLOWED_UP))
              .as(slice)
              .isEqualTo(total.count(ReportColumn.GOALS_FOLLOWED_UP));
          assertThat(sum(rows, ReportColumn.GOALS_MET))
              .as(slice)
              .isEqualTo(total.count(ReportColumn.GOALS_MET));
          // Citizens are distinct per group: never more than the total in one group.
          assertThat(rows)
              .as(slice)
              .allSatisfy(
                  r ->
                      assertThat(r.count(ReportColumn.CITIZENS))
                          .isBetween(1L, total.count(ReportColumn.CITIZENS)));
          assertThat(sum(rows, ReportColumn.CITIZENS))
              .as(slice)
              .isGreaterThanOrEqualTo(total.count(ReportColumn.CITIZENS));
        }
      }
    }
  }

  @Test
  void aFilterGivesExactlyTheFiguresOfItsGroup() {
    for (Grouping grouping : EnumSet.complementOf(EnumSet.of(Grouping.NONE, Grouping.ORG_CHILD))) {
      for (ReportRow group : report("2019-Q4", Via.PROVIDER, grouping, Filters.NONE).rows()) {
        List<ReportRow> filtered =
            report("2019-Q4", Via.PROVIDER, Grouping.NONE, filter(grouping, group.group())).rows();

        assertThat(filtered).as(grouping + " " + group.group()).hasSize(1);
        assertSameFigures(group, filtered.get(0), grouping + " " + group.group());
      }
    }
  }

  static Filters filter(Grouping grouping, String code) {
    return switch (grouping) {
      case EFFECT_GOAL -> new Filters(code, null, null, null, null);
      case LIFE_THEME -> new Filters(null, code, null, null, null);
      case TARGET_GROUP -> new Filters(null, null, code, null, null);
      case GOAL_TYPE -> new Filters(null, null, null, code, null);
      case AGE_BAND -> new Filters(null, null, null, null, code);
      default -> throw new IllegalArgumentException(grouping.code());
    };
  }

  static void assertSameFigures(ReportRow expected, ReportRow actual, String what) {
    for (ReportColumn column : ReportColumn.values()) {
      if (GROUP_NAMING.contains(column)) {
        continue;
      }
      Object e = expected.get(column);
      Object a = actual.get(column);
      if (e instanceof Double d && a instanceof Double) {
        assertThat(actual.number(column)).as(what + " " + column.id()).isCloseTo(d, within(1e-9));
      } else {
        assertThat(a).as(what + " " + column.id()).isEqualTo(e);
      }
    }
  }

  private static long sum(List<ReportRow> rows, ReportColumn column) {
    return rows.stream().mapToLong(r -> r.count(column)).sum();
  }
}
