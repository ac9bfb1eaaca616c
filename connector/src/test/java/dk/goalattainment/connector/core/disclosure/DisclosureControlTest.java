package dk.goalattainment.connector.core.disclosure;

import static dk.goalattainment.connector.core.disclosure.Tables.cell;
import static dk.goalattainment.connector.core.disclosure.Tables.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisclosureControlTest {
  private static final OrgTree TREE =
      OrgTree.ofChildren(
          new LinkedHashMap<>(
              Map.of("SOC", List.of("FBU", "VH"), "FBU", List.of("BC", "UC", "FBU-M"))));

  private static DisclosureResult suppress(List<TableCell> cells) {
    return suppress(cells, TREE);
  }

  private static DisclosureResult suppress(List<TableCell> cells, OrgTree tree) {
    return DisclosureControl.withDefaultThreshold().apply(cells, Tables.groups(cells, tree));
  }

  @Test
  void aThresholdBelowThreeIsRefusedWithAClearError() {
    assertThatThrownBy(() -> new DisclosureControl(2))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("at least 3")
        .satisfies(
            e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThat(new DisclosureControl(3).threshold()).isEqualTo(3);
    assertThat(DisclosureControl.withDefaultThreshold().threshold()).isEqualTo(5);
  }

  @Test
  void aCellBelowTheThresholdHasEveryFigureWithheldForThePrimaryReason() {
    Map<String, Long> counts = Map.of(Dimensions.GOALS_FOLLOWED_UP, 6L, Dimensions.GOALS_MET, 3L);
    Map<String, Double> measures = Map.of("goal_attainment_avg", 0.5, "goals_met_share", 0.5);
    TableCell small = new TableCell(org("BC"), 4, counts, measures);

    PublishedCell out =
        DisclosureControl.withDefaultThreshold().apply(List.of(small), List.of()).cells().get(0);

    assertThat(out.suppressed()).isTrue();
    assertThat(out.suppressionReason()).isEqualTo("primary");
    assertThat(out.citizens()).isNull();
    assertThat(out.counts())
        .containsOnlyKeys(counts.keySet())
        .allSatisfy((k, v) -> assertThat(v).isNull());
    assertThat(out.measures())
        .containsOnlyKeys(measures.keySet())
        .allSatisfy((k, v) -> assertThat(v).isNull());
  }

  @Test
  void aLoneWithheldChildDrawsThePublishedSiblingWithTheFewestCitizens() {
    List<TableCell> cells =
        List.of(
            cell(org("FBU"), 40, 80, 40),
            cell(org("BC"), 3, 10, 5),
            cell(org("UC"), 12, 30, 15),
            cell(org("FBU-M"), 25, 40, 20));

    DisclosureResult r = suppress(cells);

    assertThat(r.cell(org("BC")).reason()).isEqualTo(SuppressionReason.PRIMARY);
    assertThat(r.cell(org("UC")).reason()).isEqualTo(SuppressionReason.SECONDARY);
    assertThat(r.cell(org("FBU-M")).suppressed()).isFalse();
    assertThat(r.cell(org("FBU")).suppressed()).isFalse();
    assertThat(DisclosureAudit.audit(r).passed()).isTrue();
  }

  @Test
  void equalCitizensAreBrokenByTheSmallerCountsThenByTheKey() {
    List<TableCell> byCounts =
        List.of(
            cell(org("FBU"), 40, 80, 40),
            cell(org("BC"), 3, 10, 5),
            cell(org("UC"), 12, 40, 20),
            cell(org("FBU-M"), 12, 30, 15));
    List<TableCell> byKey =
        List.of(
            cell(org("FBU"), 40, 80, 39),
            cell(org("BC"), 3, 10, 5),
            cell(org("UC"), 12, 35, 17),
            cell(org("FBU-M"), 12, 35, 17));

    assertThat(suppress(byCounts).cell(org("FBU-M")).reason())
        .isEqualTo(SuppressionReason.SECONDARY);
    assertThat(suppress(byCounts).cell(org("UC")).suppressed()).isFalse();
    // all equal but the key: "org_unit=FBU-M" sorts before "org_unit=UC"
    assertThat(suppress(byKey).cell(org("FBU-M")).reason()).isEqualTo(SuppressionReason.SECONDARY);
    assertThat(suppress(byKey).cell(org("UC")).suppressed()).isFalse();
  }

  @Test
  void anUnpublishedOwnPartIsAWithheldMemberSoOneChildIsWithheldWithIt() {
    // FBU holds 10 goals of its own besides its children's.
    List<TableCell> cells =
        List.of(
            cell(org("FBU"), 50, 90, 45),
            cell(org("BC"), 10, 20, 10),
            cell(org("UC"), 12, 30, 15),
            cell(org("FBU-M"), 20, 30, 15));

    DisclosureResult r = suppress(cells);

    assertThat(r.cell(org("BC")).reason()).isEqualTo(SuppressionReason.SECONDARY);
    assertThat(r.count(SuppressionReason.SECONDARY)).isEqualTo(1);
    assertThat(DisclosureAudit.audit(r).passed()).isTrue();
  }

  @Test
  void anOwnPartPublishedAsItsOwnRowIsAnOrdinaryMember() {
    List<TableCell> cells =
        List.of(
            cell(org("FBU"), 50, 90, 45),
            cell(org("BC"), 10, 20, 10),
            cell(org("UC"), 12, 30, 15),
            cell(org("FBU-M"), 20, 30, 15),
            cell(org(OrgTree.ownPart("FBU")), 6, 10, 5));

    DisclosureResult r = suppress(cells);

    assertThat(r.cells()).noneMatch(PublishedCell::suppressed);
    assertThat(DisclosureAudit.audit(r).passed()).isTrue();
  }

  @Test
  void aWithheldTotalWhoseMembersAreAllPublishedDrawsOneOfThemToo() {
    // VH is too small, so FBU (the only other child of SOC) is withheld; FBU's own children would
    // then add up to it, so one of them is withheld as well.
    List<TableCell> cells =
        List.of(
            cell(org("SOC"), 45, 90, 45),
            cell(org("VH"), 4, 10, 5),
            cell(org("FBU"), 41, 80, 40),
            cell(org("BC"), 10, 20, 10),
            cell(org("UC"), 12, 30, 15),
            cell(org("FBU-M"), 20, 30, 15));

    DisclosureResult r = suppress(cells);

    assertThat(r.cell(org("VH")).reason()).isEqualTo(SuppressionReason.PRIMARY);
    assertThat(r.cell(org("FBU")).reason()).isEqualTo(SuppressionReason.SECONDARY);
    assertThat(r.cell(org("BC")).reason()).isEqualTo(SuppressionReason.SECONDARY);
    assertThat(r.cell(org("SOC")).suppressed()).isFalse();
    assertThat(DisclosureAudit.audit(r).passed()).isTrue();
  }

  @Test
  void whenNoMemberIsPublishedTheTotalItselfIsWithheld() {
    // One child row only (the other child has no follow-ups): the total equals it.
    List<TableCell> cells = List.of(cell(org("SOC"), 6, 10, 5), cell(org("VH"), 4, 10, 5));

    DisclosureResult r = suppress(cells);

    assertThat(r.cell(org("SOC")).reason()).isEqualTo(SuppressionReason.SECONDARY);
  }

  @Test
  void aNewlyWithheldCellCascadesIntoTheOtherDimensions() {
    // Rows g1, g2 by columns t1, t2; only (g1,t1) is small. The row rule withholds (g1,t2), the
    // column rules then (g2,t1) and (g2,t2).
    List<TableCell> cells =
        Tables.twoWay(new long[][] {{2, 6}, {7, 9}}, new long[][] {{3, 8}, {9, 12}});

    DisclosureResult r =
        DisclosureControl.withDefaultThreshold().apply(cells, Tables.groups(cells));

    assertThat(r.cell(Tables.key(0, 0)).reason()).isEqualTo(SuppressionReason.PRIMARY);
    assertThat(List.of(Tables.key(0, 1), Tables.key(1, 0), Tables.key(1, 1)))
        .allSatisfy(k -> assertThat(r.cell(k).reason()).isEqualTo(SuppressionReason.SECONDARY));
    assertThat(DisclosureAudit.audit(r).passed()).isTrue();
  }

  @Test
  void aPatternThatHoldsEveryGroupButLeaksAcrossGroupsIsWithheldFurther() {
    long[][] citizens = TwoWayPattern.citizens();
    List<TableCell> cells = Tables.twoWay(citizens, TwoWayPattern.goals());
    List<AdditiveGroup> groups = Tables.groups(cells);

    DisclosureResult r = DisclosureControl.withDefaultThreshold().apply(cells, groups);

    assertThat(r.count(SuppressionReason.PRIMARY)).isEqualTo(9);
    assertThat(r.count(SuppressionReason.SECONDARY)).isPositive();
    assertThat(DisclosureAudit.audit(r).passed()).isTrue();
  }

  @Test
  void theSameInputGivesTheSameOutput() {
    List<TableCell> cells = Tables.twoWay(TwoWayPattern.citizens(), TwoWayPattern.goals());
    DisclosureControl control = DisclosureControl.withDefaultThreshold();

    assertThat(control.apply(cells, Tables.groups(cells)))
        .isEqualTo(control.apply(cells, Tables.groups(cells)));
  }
}
