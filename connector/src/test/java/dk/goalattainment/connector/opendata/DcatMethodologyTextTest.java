package dk.goalattainment.connector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestCatalogue;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DcatMethodologyTextTest {
  static MethodologyText.Facts facts(List<String> draftReasons) {
    return new MethodologyText.Facts(
        7,
        Instant.parse("2026-11-23T13:05:00Z"),
        ZoneId.of("Europe/Copenhagen"),
        List.of("2018-Q3", "2018-Q4", "2018"),
        3_000,
        900,
        150,
        draftReasons,
        OpenDataExport.LABELS,
        CodeLists.of(TestCatalogue.get(), Map.of("SOC", "Socialforvaltningen")),
        List.of(
            new MethodologyText.LevelCount("Kommune", 1_000, 10),
            new MethodologyText.LevelCount("Forvaltning", 2_000, 1_040)));
  }

  @Test
  void theMethodologyNamesTheThresholdTheRuleTheMetricsAndWhenItWasComputed() {
    String text = MethodologyText.danish(facts(List.of()));

    assertThat(text)
        .contains("23. november 2026 kl. 14.05")
        .contains("2018-Q3, 2018-Q4, 2018")
        .contains("færre end 7 borgere")
        .contains("Tærsklen er 7 borgere (standard 5, aldrig under 3)")
        .contains("`primary`", "`secondary`", "`suppressed`")
        .contains("goals_followed_up", "goals_met", "goal_attainment_avg", "goals_met_share")
        .contains("egne mål")
        .contains("CC BY 4.0")
        .doesNotContain("Udkast");
  }

  @Test
  void itExplainsTheTwoViewsAndHowManyRowsAreWithheldAndWhy() {
    String text = MethodologyText.danish(facts(List.of()));

    assertThat(text)
        .contains("### To visninger: myndighed og udfører (`via`)")
        .contains("Hvert tal findes to gange")
        .contains("må aldrig lægges sammen")
        .contains("Af tabellens 3.000 rækker er 1.050 (35,0 %) udeladt: 900, fordi cellen har")
        .contains("og 150 for at beskytte dem (sekundær)")
        .contains("| Forvaltning | 2.000 | 1.040 (52,0 %) |");
  }

  @Test
  void itMapsEveryColumnToItsDanishNameAndListsTheCodes() {
    String text = MethodologyText.danish(facts(List.of()));

    assertThat(text)
        .contains("| `effect_goal_label` | Effektmål (navn) |")
        .contains("| `citizens` | N (unik cpr) |")
        .contains("**Effektmål** (`effect_goal`): `*` Alle; `LS` Læring og selvforsørgelse")
        .contains("`boern_unge_udsatte`");
  }

  @Test
  void aDraftSaysSoAtTheTopWithTheReasons() {
    String text = MethodologyText.danish(facts(List.of("contact e-mail (…) is missing")));

    assertThat(text)
        .startsWith("> **Udkast – ikke til offentliggørelse.**")
        .contains("contact e-mail (…) is missing");
  }
}
