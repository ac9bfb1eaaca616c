package dk.goalattainment.connector.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CatalogueTest {
  @Test
  void theRepositoryCatalogueHoldsTheContractsCodes() {
    Catalogue c = TestCatalogue.get();

    assertThat(c.effectGoals())
        .extracting(Catalogue.EffectGoal::code)
        .containsExactly("LS", "NM", "PU");
    assertThat(c.lifeTheme("familie").orElseThrow().effectGoal()).isEqualTo("NM");
    assertThat(c.lifeTheme("sundhedsforhold").orElseThrow().audience()).isEqualTo("adults");
    assertThat(c.targetGroups()).hasSize(5);
    assertThat(c.lifeThemes()).hasSize(13);
    assertThat(c.rulerBands()).hasSize(5);
  }

  @Test
  void aBrokenCatalogueIsRejectedWithEveryProblem() throws Exception {
    String yaml =
        Files.readString(TestCatalogue.definitionsDir().resolve("catalogue.yaml"))
            .replace("effect_goal: NM", "effect_goal: XX")
            .replace("{from: 9, to: 10", "{from: 9, to: 9");

    assertThatThrownBy(() -> CatalogueLoader.parse(yaml, "test.yaml"))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("life_themes.familie: effect_goal 'XX' is not defined")
        .hasMessageContaining("life_themes.relationer: effect_goal 'XX' is not defined")
        .hasMessageContaining("ruler_bands: score 10 is in no band");
  }

  @Test
  void twoCodesWithOneLabelAreRefused() throws Exception {
    String yaml =
        Files.readString(TestCatalogue.definitionsDir().resolve("catalogue.yaml"))
            .replace("Sundhedsforhold (voksne)", "Sundhedsforhold (børn og unge)");

    assertThatThrownBy(() -> CatalogueLoader.parse(yaml, "test.yaml"))
        .hasMessageContaining(
            "life_themes.sundhedsforhold: label 'Sundhedsforhold (børn og unge)' is also the label"
                + " of sundhed; labels must be unique within a dimension");
  }

  @Test
  void theOrgLevelsAreTheFixedCodesTopToBottom() throws Exception {
    Catalogue c = TestCatalogue.get();
    assertThat(c.orgLevels())
        .extracting(Catalogue.Coded::code)
        .containsExactly("kommune", "forvaltning", "driftsomraade", "enhed", "team");
    String swapped =
        Files.readString(TestCatalogue.definitionsDir().resolve("catalogue.yaml"))
            .replace("- code: kommune", "- code: gemeinde");

    assertThatThrownBy(() -> CatalogueLoader.parse(swapped, "test.yaml"))
        .hasMessageContaining("org_levels: 'kommune' is missing");
  }

  @Test
  void anUnknownFieldIsReportedWithItsLine() {
    assertThatThrownBy(() -> CatalogueLoader.parse("version: 1\neffect_goalz: []\n", "t.yaml"))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("unknown field 'effect_goalz'")
        .hasMessageContaining("known fields: age_bands, effect_goals");
  }

  @Test
  void aMissingVersionIsRejected() {
    assertThatThrownBy(() -> CatalogueLoader.parse("effect_goals: []\n", "t.yaml"))
        .hasMessageContaining("must declare version: 1");
  }
}
