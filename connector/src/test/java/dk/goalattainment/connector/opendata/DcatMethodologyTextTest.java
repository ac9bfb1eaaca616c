package dk.goalattainment.connector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DcatMethodologyTextTest {
  @Test
  void theMethodologyNamesTheThresholdTheRuleTheMetricsAndWhenItWasComputed() {
    String text =
        MethodologyText.danish(
            7,
            Instant.parse("2026-11-23T13:05:00Z"),
            ZoneId.of("Europe/Copenhagen"),
            List.of("2018-Q3", "2018-Q4", "2018"));

    assertThat(text)
        .contains("23. november 2026 kl. 14.05")
        .contains("2018-Q3, 2018-Q4, 2018")
        .contains("færre end 7 borgere")
        .contains("Tærsklen er 7 borgere (standard 5, aldrig under 3)")
        .contains("`primary`", "`secondary`", "`suppressed`")
        .contains("goals_followed_up", "goals_met", "goal_attainment_avg", "goals_met_share")
        .contains("egne mål")
        .contains("CC BY 4.0");
  }
}
