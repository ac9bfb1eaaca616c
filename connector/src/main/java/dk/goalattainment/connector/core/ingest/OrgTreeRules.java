package dk.goalattainment.connector.core.ingest;

import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.model.OrgLevels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingest's rules over the whole org tree with a batch applied (cross-record rules, which no
 * single row can check): no cycle, and no unit whose level (given or derived, {@link OrgLevels})
 * lies above its parent's. The store reads the tree (stored units not in the batch, then the staged
 * ones); the rules are here, testable without a database.
 */
public final class OrgTreeRules {
  private OrgTreeRules() {}

  /**
   * A unit of the tree with the batch applied.
   *
   * @param stagedRow the unit's row in the batch, or null for a stored unit the batch leaves alone
   */
  public record TreeUnit(OrgLevels.Node node, Long stagedRow) {}

  /**
   * Staged org units whose level, given or derived, would lie above their parent's: the error is on
   * the unit's row when it is in the batch, else on its parent's.
   */
  public static List<FieldError> misplacedLevels(List<TreeUnit> tree) {
    List<OrgLevels.Node> nodes = tree.stream().map(TreeUnit::node).toList();
    Map<String, Long> rows = new HashMap<>();
    tree.forEach(t -> rows.put(t.node().id(), t.stagedRow()));
    Map<String, String> parents = new HashMap<>();
    nodes.forEach(n -> parents.put(n.id(), n.parentId()));
    List<FieldError> errors = new ArrayList<>();
    Set<Long> reported = new HashSet<>();
    for (String id : OrgLevels.misplaced(nodes, OrgLevels.derive(nodes))) {
      Long own = rows.get(id);
      Long parent = rows.get(parents.get(id));
      if (own != null && reported.add(own)) {
        errors.add(
            new FieldError(
                RecordKind.ORG_UNITS.label(),
                own,
                "level",
                "places the unit above its parent's level (given or derived); give a level at or"
                    + " below the parent's"));
      } else if (own == null && parent != null && reported.add(parent)) {
        errors.add(
            new FieldError(
                RecordKind.ORG_UNITS.label(),
                parent,
                "level",
                "places the unit below the level of a unit under it; give a level at or above"
                    + " its units' levels"));
      }
    }
    return errors;
  }

  /** Staged org units whose parent chain, with the batch applied, returns to themselves. */
  public static List<FieldError> cycles(List<TreeUnit> tree) {
    Map<String, String> parents = new HashMap<>();
    Map<String, Long> stagedRows = new HashMap<>();
    for (TreeUnit t : tree) {
      parents.put(t.node().id(), t.node().parentId());
      if (t.stagedRow() != null) {
        stagedRows.put(t.node().id(), t.stagedRow());
      }
    }
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, Long> staged : stagedRows.entrySet()) {
      Set<String> seen = new HashSet<>();
      String at = staged.getKey();
      while (at != null && seen.add(at)) {
        at = parents.get(at);
      }
      if (at != null && at.equals(staged.getKey())) {
        errors.add(
            new FieldError(
                RecordKind.ORG_UNITS.label(),
                staged.getValue(),
                "parent_id",
                "makes a cycle in the org tree"));
      }
    }
    return errors;
  }
}
