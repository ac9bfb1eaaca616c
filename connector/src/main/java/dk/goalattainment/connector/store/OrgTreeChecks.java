package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.RecordKind;
import dk.goalattainment.connector.core.model.OrgLevel;
import dk.goalattainment.connector.core.model.OrgLevels;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingest's rules over the whole org tree with a batch applied: no cycle, and no unit whose
 * level (given or derived, {@link OrgLevels}) lies above its parent's; and the effective levels
 * kept in {@code org_unit.org_level}.
 */
final class OrgTreeChecks {
  private OrgTreeChecks() {}

  /** The org tree with the batch applied: stored units not in the batch, then the staged ones. */
  static List<TreeUnit> treeWithBatch(Statement s) throws SQLException {
    List<TreeUnit> tree = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT unit_id, parent_id, role, level, NULL FROM org_unit u WHERE NOT EXISTS (SELECT"
                + " 1 FROM stage_org_unit s WHERE s.unit_id = u.unit_id) UNION ALL SELECT unit_id,"
                + " parent_id, role, level, row_no FROM stage_org_unit")) {
      while (rs.next()) {
        long row = rs.getLong(5);
        Long staged = rs.wasNull() ? null : row;
        tree.add(
            new TreeUnit(
                new OrgLevels.Node(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3) != null,
                    OrgLevel.fromCode(rs.getString(4)).orElse(null)),
                staged));
      }
    }
    return tree;
  }

  /** A unit of the tree, with its row in the batch when it is staged. */
  record TreeUnit(OrgLevels.Node node, Long stagedRow) {}

  /**
   * Staged org units whose level, given or derived, would lie above their parent's: the error is on
   * the unit's row when it is in the batch, else on its parent's.
   */
  static List<FieldError> misplacedLevels(List<TreeUnit> tree) {
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

  /**
   * Writes every unit's effective level ({@link OrgLevels}) to {@code org_unit.org_level}: after
   * each ingest of org units, and once for a store made before levels existed.
   */
  static void updateLevels(Connection c) throws SQLException {
    List<OrgLevels.Node> nodes = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT unit_id, parent_id, role, level FROM org_unit")) {
      while (rs.next()) {
        nodes.add(
            new OrgLevels.Node(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3) != null,
                OrgLevel.fromCode(rs.getString(4)).orElse(null)));
      }
    }
    Map<String, OrgLevel> levels = OrgLevels.derive(nodes);
    try (java.sql.PreparedStatement ps =
        c.prepareStatement("UPDATE org_unit SET org_level = ? WHERE unit_id = ?")) {
      for (Map.Entry<String, OrgLevel> e : levels.entrySet()) {
        ps.setString(1, e.getValue().code());
        ps.setString(2, e.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Staged org units whose parent chain, with the batch applied, returns to themselves. */
  static List<FieldError> cycles(List<TreeUnit> tree) {
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
