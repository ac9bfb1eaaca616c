package dk.goalattainment.connector.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.OrgTreeRules.TreeUnit;
import dk.goalattainment.connector.core.model.OrgLevel;
import dk.goalattainment.connector.core.model.OrgLevels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The org tree's cross-record rules, without a database. */
class OrgTreeRulesTest {
  private static TreeUnit stored(String id, String parent) {
    return new TreeUnit(new OrgLevels.Node(id, parent, false, null), null);
  }

  private static TreeUnit staged(String id, String parent, long row, OrgLevel level) {
    return new TreeUnit(new OrgLevels.Node(id, parent, false, level), row);
  }

  @Test
  void aStagedUnitWhoseParentChainReturnsToItIsACycleOnItsRow() {
    List<TreeUnit> tree =
        List.of(stored("A", null), staged("B", "C", 1, null), staged("C", "B", 2, null));
    assertThat(OrgTreeRules.cycles(tree))
        .extracting(FieldError::row, FieldError::field)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(1L, "parent_id"),
            org.assertj.core.groups.Tuple.tuple(2L, "parent_id"));
  }

  @Test
  void aTreeWithoutCyclesHasNone() {
    List<TreeUnit> tree = List.of(stored("A", null), staged("B", "A", 1, null));
    assertThat(OrgTreeRules.cycles(tree)).isEmpty();
  }

  @Test
  void aStagedLevelAboveItsParentsIsAnErrorOnItsRow() {
    List<TreeUnit> tree =
        List.of(staged("A", null, 1, OrgLevel.TEAM), staged("B", "A", 2, OrgLevel.KOMMUNE));
    assertThat(OrgTreeRules.misplacedLevels(tree))
        .extracting(FieldError::row, FieldError::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "level"));
  }
}
