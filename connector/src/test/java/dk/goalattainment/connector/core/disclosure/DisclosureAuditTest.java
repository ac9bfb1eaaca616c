package dk.goalattainment.connector.core.disclosure;

import static dk.goalattainment.connector.core.disclosure.Tables.cell;
import static dk.goalattainment.connector.core.disclosure.Tables.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisclosureAuditTest {
  private static final OrgTree TREE =
      OrgTree.ofChildren(new LinkedHashMap<>(Map.of("FBU", List.of("BC", "UC", "FBU-M"))));

  /** Withholds exactly the given cells (as primary), the way a naive exporter would. */
  private static List<PublishedCell> withhold(List<TableCell> cells, Set<CellKey> keys) {
    List<PublishedCell> out = new ArrayList<>();
    for (TableCell c : cells) {
      out.add(
          keys.contains(c.key())
              ? PublishedCell.withheld(c, SuppressionReason.PRIMARY)
              : PublishedCell.published(c));
    }
    return out;
  }

  @Test
  void aNaiveSingleSuppressionIsRecoveredBySubtraction() {
    List<TableCell> cells =
        List.of(
            cell(org("FBU"), 40, 80, 40),
            cell(org("BC"), 3, 10, 4),
            cell(org("UC"), 12, 30, 15),
            cell(org("FBU-M"), 25, 40, 21));
    List<PublishedCell> naive = withhold(cells, Set.of(org("BC")));

    DisclosureAudit.Report report = DisclosureAudit.audit(5, naive, Tables.groups(cells, TREE));

    assertThat(report.passed()).isFalse();
    assertThat(report.recovered())
        .extracting(Recovery::cell, Recovery::count, Recovery::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(org("BC"), Dimensions.GOALS_FOLLOWED_UP, 10L),
            org.assertj.core.groups.Tuple.tuple(org("BC"), Dimensions.GOALS_MET, 4L));
  }

  @Test
  void aTwoWayPatternThatEverySingleGroupCheckPassesIsRecoveredAcrossGroups() {
    long[][] citizens = TwoWayPattern.citizens();
    List<TableCell> cells = Tables.twoWay(citizens, TwoWayPattern.goals());
    List<AdditiveGroup> groups = Tables.groups(cells);
    Set<CellKey> small = new java.util.HashSet<>();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        if (citizens[i][j] < 5) {
          small.add(Tables.key(i, j));
        }
      }
    }
    List<PublishedCell> naive = withhold(cells, small);

    // The single-group rule holds everywhere: no equation has exactly one withheld cell ...
    for (AdditiveGroup g : groups) {
      long withheld =
          g.members().stream().filter(small::contains).count()
              + (small.contains(g.total()) ? 1 : 0);
      assertThat(withheld).as("withheld cells in %s", g).isNotEqualTo(1);
    }
    // ... yet rows g1 + g2 minus columns t1 + t2 give away (g2, t3).
    DisclosureAudit.Report report = DisclosureAudit.audit(5, naive, groups);

    assertThat(report.passed()).isFalse();
    assertThat(report.recovered())
        .extracting(Recovery::cell, Recovery::count, Recovery::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Tables.key(1, 2), Dimensions.GOALS_FOLLOWED_UP, 5L),
            org.assertj.core.groups.Tuple.tuple(Tables.key(1, 2), Dimensions.GOALS_MET, 2L));
  }

  @Test
  void anOwnPartIsRecoveredWhenTheNodeAndAllItsChildrenArePublished() {
    List<TableCell> cells =
        List.of(
            cell(org("FBU"), 50, 90, 45),
            cell(org("BC"), 10, 20, 10),
            cell(org("UC"), 12, 30, 15),
            cell(org("FBU-M"), 20, 30, 15));

    DisclosureAudit.Report report =
        DisclosureAudit.audit(5, withhold(cells, Set.of()), Tables.groups(cells, TREE));

    assertThat(report.recovered())
        .allSatisfy(r -> assertThat(r.isRemainder()).isTrue())
        .extracting(Recovery::cell, Recovery::count, Recovery::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(org("FBU"), Dimensions.GOALS_FOLLOWED_UP, 10L),
            org.assertj.core.groups.Tuple.tuple(org("FBU"), Dimensions.GOALS_MET, 5L));
  }

  @Test
  void publishedCellsBelowTheThresholdAndFiguresInWithheldCellsFailTheAudit() {
    List<TableCell> cells = List.of(cell(org("BC"), 4, 10, 5), cell(org("UC"), 12, 30, 15));
    PublishedCell leaky =
        new PublishedCell(
            org("UC"), 12L, cells.get(1).counts(), Map.of(), SuppressionReason.PRIMARY);

    DisclosureAudit.Report report =
        DisclosureAudit.audit(5, List.of(PublishedCell.published(cells.get(0)), leaky), List.of());

    assertThat(report.passed()).isFalse();
    assertThat(report.belowThreshold()).containsExactly(org("BC"));
    assertThat(report.figuresInWithheld()).containsExactly(org("UC"));
  }

  @Test
  void withheldCountsThatMustBeZeroAreReportedAsForcedToZero() {
    // Nobody met a goal in BC and UC, and the published figures say so: 9 - 5 - 4 = 0.
    List<TableCell> cells =
        List.of(
            cell(org("FBU"), 40, 70, 9),
            cell(org("BC"), 3, 10, 0),
            cell(org("UC"), 4, 30, 0),
            cell(org("FBU-M"), 20, 30, 9));

    DisclosureAudit.Report report =
        DisclosureAudit.audit(
            5, withhold(cells, Set.of(org("BC"), org("UC"))), Tables.groups(cells, TREE));

    assertThat(report.recovered()).isEmpty();
    assertThat(report.forcedToZero())
        .extracting(Recovery::cell, Recovery::count)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(org("BC"), Dimensions.GOALS_MET),
            org.assertj.core.groups.Tuple.tuple(org("UC"), Dimensions.GOALS_MET));
  }

  @Test
  void disclosureControlWithholdsOneMoreCellWhenWithheldCountsWouldBeForcedToZero() {
    List<TableCell> cells =
        List.of(
            cell(org("FBU"), 40, 70, 9),
            cell(org("BC"), 3, 10, 0),
            cell(org("UC"), 4, 30, 0),
            cell(org("FBU-M"), 20, 30, 9));

    DisclosureResult r =
        DisclosureControl.withDefaultThreshold().apply(cells, Tables.groups(cells, TREE));
    DisclosureAudit.Report report = DisclosureAudit.audit(r);

    assertThat(r.cell(org("FBU-M")).reason()).isEqualTo(SuppressionReason.SECONDARY);
    assertThat(report.passed()).isTrue();
    assertThat(report.forcedToZero()).isEmpty();
  }

  @Test
  void theSummaryNamesTheCellsButRepeatsNoWithheldValue() {
    List<TableCell> cells =
        List.of(
            cell(org("FBU"), 40, 80, 40),
            cell(org("BC"), 3, 17, 13),
            cell(org("UC"), 12, 23, 7),
            cell(org("FBU-M"), 25, 40, 20));

    DisclosureAudit.Report report =
        DisclosureAudit.audit(5, withhold(cells, Set.of(org("BC"))), Tables.groups(cells, TREE));

    assertThat(report.summary()).contains("FAILED", "org_unit=BC").doesNotContain("17", "13");
    assertThatThrownBy(
            () ->
                DisclosureAudit.requirePassed(
                    new DisclosureResult(
                        5, withhold(cells, Set.of(org("BC"))), Tables.groups(cells, TREE))))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("Refusing to publish");
  }
}
