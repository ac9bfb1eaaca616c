package dk.goalattainment.connector.core.disclosure;

import static dk.goalattainment.connector.core.disclosure.Tables.cell;
import static dk.goalattainment.connector.core.disclosure.Tables.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisclosureAdditiveGroupsTest {
  private static final OrgTree TREE =
      OrgTree.ofParents(
          new java.util.LinkedHashMap<>(
              Map.of("SOC", "", "FBU", "SOC", "BC", "FBU", "FBU-M", "FBU", "VH", "SOC")));

  @Test
  void theChildrenOfAnOrgNodeFormAGroupAndTheirShortfallIsTheNodesOwnPart() {
    List<TableCell> cells =
        List.of(
            cell(org("FBU"), 20, 40, 20), cell(org("BC"), 8, 15, 7), cell(org("FBU-M"), 9, 20, 10));

    List<AdditiveGroup> groups = Tables.groups(cells, TREE);

    assertThat(groups)
        .containsExactly(
            new AdditiveGroup(
                Dimensions.ORG_UNIT, org("FBU"), List.of(org("BC"), org("FBU-M")), true));
  }

  @Test
  void childrenThatAddUpLeaveNoOwnPartAndAPublishedOwnPartRowIsAMember() {
    List<TableCell> exact =
        List.of(
            cell(org("FBU"), 20, 35, 17), cell(org("BC"), 8, 15, 7), cell(org("FBU-M"), 9, 20, 10));
    List<TableCell> withOwnRow =
        List.of(
            cell(org("FBU"), 20, 40, 20),
            cell(org("BC"), 8, 15, 7),
            cell(org("FBU-M"), 9, 20, 10),
            cell(org(OrgTree.ownPart("FBU")), 5, 5, 3));

    assertThat(Tables.groups(exact, TREE).get(0).remainder()).isFalse();
    AdditiveGroup g = Tables.groups(withOwnRow, TREE).get(0);
    assertThat(g.members()).contains(org("FBU#egen"));
    assertThat(g.remainder()).isFalse();
  }

  @Test
  void aNodeWithoutChildRowsFormsNoGroupAndOneChildRowFormsAOneMemberGroup() {
    List<TableCell> alone = List.of(cell(org("SOC"), 20, 40, 20));
    List<TableCell> cells = List.of(cell(org("SOC"), 20, 40, 20), cell(org("VH"), 20, 40, 20));

    List<AdditiveGroup> groups = Tables.groups(cells, TREE);

    assertThat(Tables.groups(alone, TREE)).isEmpty();
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).members()).containsExactly(org("VH"));
    assertThat(groups.get(0).remainder()).isFalse();
  }

  @Test
  void effectGoalsSplitATotalAndThemesSplitAnEffectGoalPerTheCatalogue() {
    CellKey all = org("FBU");
    List<TableCell> cells =
        List.of(
            cell(all, 30, 60, 30),
            cell(all.with(Dimensions.EFFECT_GOAL, "LS"), 10, 20, 10),
            cell(all.with(Dimensions.EFFECT_GOAL, "NM"), 20, 40, 20),
            cell(
                all.with(Dimensions.EFFECT_GOAL, "NM").with(Dimensions.LIFE_THEME, "familie"),
                9,
                25,
                12),
            cell(
                all.with(Dimensions.EFFECT_GOAL, "NM").with(Dimensions.LIFE_THEME, "fritid"),
                8,
                15,
                8));

    List<AdditiveGroup> groups = Tables.groups(cells);

    assertThat(groups)
        .extracting(AdditiveGroup::dimension, AdditiveGroup::total, g -> g.members().size())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Dimensions.EFFECT_GOAL, all, 2),
            org.assertj.core.groups.Tuple.tuple(
                Dimensions.LIFE_THEME, all.with(Dimensions.EFFECT_GOAL, "NM"), 2));
    assertThat(groups).noneMatch(AdditiveGroup::remainder);
  }

  @Test
  void aThemeRowWithoutItsEffectGoalEqualsTheRowThatNamesIt() {
    CellKey theme = CellKey.of(Dimensions.LIFE_THEME, "skole");
    List<TableCell> cells =
        List.of(
            cell(theme, 10, 20, 10), cell(theme.with(Dimensions.EFFECT_GOAL, "LS"), 10, 20, 10));

    assertThat(Tables.groups(cells))
        .containsExactly(
            new AdditiveGroup(
                Dimensions.EFFECT_GOAL,
                theme,
                List.of(theme.with(Dimensions.EFFECT_GOAL, "LS")),
                false));
  }

  @Test
  void targetGroupsAndGoalTypesSplitTheirSlice() {
    List<TableCell> cells =
        Tables.twoWay(new long[][] {{5, 6}, {7, 8}}, new long[][] {{5, 6}, {7, 8}});

    List<AdditiveGroup> groups = Tables.groups(cells);

    // two rows and the column margin split by goal type; two columns and the row margin by group
    assertThat(groups).hasSize(6);
    assertThat(groups).noneMatch(AdditiveGroup::remainder);
  }

  @Test
  void theRepositoryCatalogueGivesEveryEffectGoalItsThemes() {
    Map<String, List<String>> themes = AdditiveGroups.themesByEffectGoal(TestCatalogue.get());

    assertThat(themes.keySet()).containsExactly("LS", "NM", "PU");
    assertThat(themes.get("NM")).contains("familie", "fritid", "relationer");
  }

  @Test
  void aThemeUnderTheWrongEffectGoalOrMembersAboveTheirTotalAreRejected() {
    CellKey wrong = CellKey.of(Dimensions.EFFECT_GOAL, "LS", Dimensions.LIFE_THEME, "familie");
    List<TableCell> tooMuch = List.of(cell(org("FBU"), 20, 10, 5), cell(org("BC"), 8, 15, 7));

    assertThatThrownBy(() -> Tables.groups(List.of(cell(wrong, 5, 5, 5))))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("belongs to effect goal NM");
    assertThatThrownBy(() -> Tables.groups(tooMuch, TREE))
        .isInstanceOf(ConnectorException.class)
        .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("add up to more");
  }
}
