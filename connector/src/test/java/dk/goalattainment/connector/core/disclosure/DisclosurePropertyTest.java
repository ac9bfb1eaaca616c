package dk.goalattainment.connector.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Disclosure control on many seeded random tables, each checked by the audit. */
class DisclosurePropertyTest {
  private static final int SEEDS = 120;
  private static final int[] THRESHOLDS = {3, 5, 10};

  @Test
  void theSuppressedOutputOfRandomTablesPassesTheAuditAndKeepsEveryRule() {
    int withheld = 0;
    int cells = 0;
    int warnings = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      RandomCube cube = RandomCube.generate(seed);
      int k = THRESHOLDS[(int) (seed % THRESHOLDS.length)];
      List<AdditiveGroup> groups =
          AdditiveGroups.derive(
              cube.cells, cube.tree, Tables.THEMES, Dimensions.DEFAULT_CATEGORICAL);

      DisclosureResult result = new DisclosureControl(k).apply(cube.cells, groups);
      DisclosureAudit.Report report = DisclosureAudit.audit(result);

      assertThat(report.passed()).as("%s, K=%d: %s", cube.shape, k, report.summary()).isTrue();
      Map<CellKey, TableCell> input =
          cube.cells.stream().collect(Collectors.toMap(TableCell::key, Function.identity()));
      Map<CellKey, PublishedCell> output = result.byKey();
      for (TableCell c : cube.cells) {
        boolean small = c.citizens() < k;
        assertThat(output.get(c.key()).reason() == SuppressionReason.PRIMARY)
            .as("%s: primary iff below %d citizens: %s", cube.shape, k, c.key())
            .isEqualTo(small);
      }
      for (AdditiveGroup g : groups) {
        long unknown =
            g.members().stream().filter(m -> output.get(m).suppressed()).count()
                + (output.get(g.total()).suppressed() ? 1 : 0)
                + (g.remainder() ? 1 : 0);
        assertThat(unknown).as("%s: withheld in %s", cube.shape, g).isNotEqualTo(1);
      }
      assertThat(input).hasSameSizeAs(output);
      withheld += (int) result.cells().stream().filter(PublishedCell::suppressed).count();
      cells += result.cells().size();
      warnings += report.forcedToZero().size();
    }
    System.out.printf(
        "%d random tables, %d cells, %d withheld, %d forced-to-zero warnings%n",
        SEEDS, cells, withheld, warnings);
  }

  @Test
  void aNaiveExporterThatOnlyAppliesPrimarySuppressionIsCaughtOnRandomTables() {
    int caught = 0;
    for (long seed = 1; seed <= 40; seed++) {
      RandomCube cube = RandomCube.generate(seed);
      List<AdditiveGroup> groups =
          AdditiveGroups.derive(
              cube.cells, cube.tree, Tables.THEMES, Dimensions.DEFAULT_CATEGORICAL);
      List<PublishedCell> naive =
          cube.cells.stream()
              .map(
                  c ->
                      c.citizens() < 5
                          ? PublishedCell.withheld(c, SuppressionReason.PRIMARY)
                          : PublishedCell.published(c))
              .toList();

      caught += DisclosureAudit.audit(5, naive, groups).passed() ? 0 : 1;
    }
    assertThat(caught).isGreaterThan(20);
  }
}
