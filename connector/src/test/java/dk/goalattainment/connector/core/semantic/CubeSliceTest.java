package dk.goalattainment.connector.core.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cube's slice rule, read in memory as the SQL readers read it. */
class CubeSliceTest {
  private static Map<String, String> row(String group, String effect, String theme, String type) {
    return Map.of(
        "target_group", group, "effect_goal", effect, "life_theme", theme, "goal_type", type);
  }

  @Test
  void theTotalReadsOnlyTheRowWithEveryDimensionAll() {
    assertThat(CubeSlice.total().matches(row("*", "*", "*", "*"))).isTrue();
    assertThat(CubeSlice.total().matches(row("*", "NM", "*", "*"))).isFalse();
  }

  @Test
  void aGroupedDimensionReadsEveryMemberButAll() {
    CubeSlice byType = CubeSlice.forReport("goal_type", Map.of());
    assertThat(byType.matches(row("*", "*", "*", "progression"))).isTrue();
    assertThat(byType.matches(row("*", "*", "*", "*"))).isFalse();
    assertThat(byType.matches(row("*", "NM", "*", "progression"))).isFalse();
  }

  @Test
  void aThemesRowsCarryTheirEffectGoalUnlessItIsFixed() {
    CubeSlice byTheme = CubeSlice.forReport("life_theme", Map.of());
    assertThat(byTheme.matches(row("*", "NM", "NM1", "*"))).isTrue();
    assertThat(byTheme.matches(row("*", "*", "*", "*"))).isFalse();
    CubeSlice fixed = CubeSlice.forReport("life_theme", Map.of("effect_goal", "NM"));
    assertThat(fixed.matches(row("*", "NM", "NM1", "*"))).isTrue();
    assertThat(fixed.matches(row("*", "OTHER", "O1", "*"))).isFalse();
  }

  @Test
  void aReportSliceIgnoresGroupingsAndFiltersThatAreNoCubeDimension() {
    CubeSlice slice = CubeSlice.forReport(null, Map.of("age_band", "18-24", "goal_type", "x"));
    assertThat(slice.conditions())
        .extracting(CubeSlice.Condition::literalSql)
        .containsExactly(
            "target_group = '*'", "effect_goal = '*'", "life_theme = '*'", "goal_type = 'x'");
  }
}
