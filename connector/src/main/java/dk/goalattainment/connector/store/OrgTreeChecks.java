package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.OrgTreeRules;
import dk.goalattainment.connector.core.ingest.OrgTreeRules.TreeUnit;
import dk.goalattainment.connector.core.model.OrgLevel;
import dk.goalattainment.connector.core.model.OrgLevels;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The org tree as the ingest's rules over it ({@link OrgTreeRules}, in the core) read it: the
 * stored units with a staged batch applied; and the effective levels ({@link OrgLevels}) kept in
 * {@code org_unit.org_level}.
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

  /** The rules over the tree: {@link OrgTreeRules#cycles}. */
  static List<FieldError> cycles(List<TreeUnit> tree) {
    return OrgTreeRules.cycles(tree);
  }

  /** The rules over the tree: {@link OrgTreeRules#misplacedLevels}. */
  static List<FieldError> misplacedLevels(List<TreeUnit> tree) {
    return OrgTreeRules.misplacedLevels(tree);
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
}
