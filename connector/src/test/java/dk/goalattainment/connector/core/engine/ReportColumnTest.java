package dk.goalattainment.connector.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.core.semantic.Figure;
import dk.goalattainment.connector.core.semantic.Figures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md's recipe "add a figure" held true: the report's columns come from the figure
 * declarations, so a figure declared in {@code Figures} is reported with no other edit, and the
 * published order stays.
 */
class ReportColumnTest {
  private static List<String> ids() {
    return ReportColumn.values().stream().map(ReportColumn::id).toList();
  }

  @Test
  void everyColumnOfEveryReportedFigureIsAReportColumnOfItsType() {
    for (Figure f : Figures.REPORTED) {
      assertThat(ids()).as(f.id()).containsAll(Figures.columnNames(f));
      ReportColumn.Type expected =
          switch (f.type()) {
            case COUNT -> ReportColumn.Type.LONG;
            case DOUBLE -> ReportColumn.Type.DOUBLE;
            case FLAG -> ReportColumn.Type.BOOLEAN;
          };
      assertThat(ReportColumn.byId(f.id()).type()).as(f.id()).isEqualTo(expected);
    }
    for (Figures.Change change : Figures.CHANGED) {
      for (String suffix : ReportColumn.CHANGE_SUFFIXES) {
        assertThat(ids()).contains(change.figure().id() + suffix);
      }
    }
  }

  @Test
  void theColumnsAreTheFiguresColumnsTheChangesAndTheSlicesContextEachOnce() {
    long figureColumns =
        Figures.REPORTED.stream().mapToLong(f -> Figures.columnNames(f).size()).sum();
    long changes = (long) Figures.CHANGED.size() * ReportColumn.CHANGE_SUFFIXES.size();
    // group, group_label; period, org_unit, via, grouping
    assertThat(ids()).doesNotHaveDuplicates().hasSize((int) (figureColumns + changes + 6));
  }

  @Test
  void thePublishedColumnsKeepTheirPlaces() {
    assertThat(ids().subList(0, 12))
        .containsExactly(
            "group",
            "citizens",
            "goal_attainment_avg",
            "goals_followed_up",
            "goals_met",
            "goals_met_share",
            "progress_share",
            "distance_avg",
            "goal_attainment_ci_low",
            "goal_attainment_ci_high",
            "low_n",
            "group_label");
    assertThat(ids().subList(ids().size() - 4, ids().size()))
        .containsExactly("period", "org_unit", "via", "grouping");
  }
}
