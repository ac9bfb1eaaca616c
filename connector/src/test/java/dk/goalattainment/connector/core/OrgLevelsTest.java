package dk.goalattainment.connector.core;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.core.model.OrgLevel;
import dk.goalattainment.connector.core.model.OrgLevels;
import dk.goalattainment.connector.core.model.OrgLevels.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The level rule on every tree shape the contract allows, and where the input gives levels. */
class OrgLevelsTest {
  private static Node group(String id, String parent) {
    return new Node(id, parent, false, null);
  }

  private static Node unit(String id, String parent) {
    return new Node(id, parent, true, null);
  }

  private static Map<String, OrgLevel> derive(Node... nodes) {
    return OrgLevels.derive(List.of(nodes));
  }

  @Test
  void aMunicipalityRootWithTeamsGetsEveryLevel() {
    Map<String, OrgLevel> levels =
        derive(
            group("AAK", null),
            group("SOC", "AAK"),
            group("FBU", "SOC"),
            unit("FBU-M", "FBU"),
            unit("BC", "FBU"),
            unit("BC-FAM", "BC"));

    assertThat(levels)
        .containsEntry("AAK", OrgLevel.KOMMUNE)
        .containsEntry("SOC", OrgLevel.FORVALTNING)
        .containsEntry("FBU", OrgLevel.DRIFTSOMRAADE)
        .containsEntry("FBU-M", OrgLevel.ENHED)
        .containsEntry("BC", OrgLevel.ENHED)
        .containsEntry("BC-FAM", OrgLevel.TEAM);
  }

  @Test
  void theDepartmentRootOfTheWorkedExampleIsAForvaltning() {
    Map<String, OrgLevel> levels =
        derive(group("SOC", null), group("FBU", "SOC"), unit("BC", "FBU"), unit("FBU-M", "FBU"));

    assertThat(levels)
        .containsEntry("SOC", OrgLevel.FORVALTNING)
        .containsEntry("FBU", OrgLevel.DRIFTSOMRAADE)
        .containsEntry("BC", OrgLevel.ENHED)
        .containsEntry("FBU-M", OrgLevel.ENHED);
  }

  @Test
  void aDepartmentRootHoldingUnitsDirectlyIsStillAForvaltning() {
    assertThat(derive(group("SOC", null), unit("BC", "SOC"), unit("SOC-M", "SOC")))
        .containsEntry("SOC", OrgLevel.FORVALTNING)
        .containsEntry("BC", OrgLevel.ENHED);
  }

  @Test
  void groupingNodesCountUpFromTheHighestUnitBelowThem() {
    // SOC holds an operating area and, directly, a unit: it is above the area, not beside it.
    Map<String, OrgLevel> levels =
        derive(
            group("AAK", null),
            group("SOC", "AAK"),
            group("FBU", "SOC"),
            unit("BC", "FBU"),
            unit("SEK", "SOC"),
            group("MSB", "AAK"),
            unit("MSB-1", "MSB"));

    assertThat(levels)
        .containsEntry("AAK", OrgLevel.KOMMUNE)
        .containsEntry("SOC", OrgLevel.FORVALTNING)
        .containsEntry("SEK", OrgLevel.ENHED)
        .containsEntry("MSB", OrgLevel.DRIFTSOMRAADE);
  }

  @Test
  void aGivenLevelWinsAndTheNodesAboveCountUpFromIt() {
    Map<String, OrgLevel> levels =
        derive(
            group("SOC", null),
            new Node("MSB", "SOC", false, OrgLevel.FORVALTNING),
            unit("MSB-1", "MSB"));

    assertThat(levels)
        .containsEntry("MSB", OrgLevel.FORVALTNING)
        .containsEntry("SOC", OrgLevel.KOMMUNE)
        .containsEntry("MSB-1", OrgLevel.ENHED);
  }

  @Test
  void anEmptyGroupingNodeLiesBelowItsParentAndALoneRootIsTheMunicipality() {
    assertThat(
            derive(group("SOC", null), group("NEW", "SOC"), group("FBU", "SOC"), unit("BC", "FBU")))
        .containsEntry("NEW", OrgLevel.DRIFTSOMRAADE);
    assertThat(derive(group("AAK", null))).containsEntry("AAK", OrgLevel.KOMMUNE);
  }

  @Test
  void aChainDeeperThanTheLevelsKeepsTheMunicipalityAtTheTop() {
    Map<String, OrgLevel> levels =
        derive(group("A", null), group("B", "A"), group("C", "B"), group("D", "C"), unit("U", "D"));

    assertThat(levels.get("D")).isEqualTo(OrgLevel.DRIFTSOMRAADE);
    assertThat(levels.get("B")).isEqualTo(OrgLevel.KOMMUNE);
    assertThat(levels.get("A")).isEqualTo(OrgLevel.KOMMUNE);
    assertThat(OrgLevels.misplaced(List.of(group("A", null), group("B", "A")), levels)).isEmpty();
  }

  @Test
  void aLevelAboveItsParentsIsMisplaced() {
    List<Node> nodes =
        List.of(
            group("SOC", null),
            new Node("FBU", "SOC", false, OrgLevel.DRIFTSOMRAADE),
            new Node("BC", "FBU", true, OrgLevel.FORVALTNING));

    assertThat(OrgLevels.misplaced(nodes, OrgLevels.derive(nodes))).containsExactly("BC");
  }
}
