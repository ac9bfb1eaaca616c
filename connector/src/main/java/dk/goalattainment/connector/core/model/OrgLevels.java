package dk.goalattainment.connector.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The level of every unit of an org tree: the one rule the ingest validates with and the datasets
 * materialise ({@code dim_org_unit.org_level}).
 *
 * <ol>
 *   <li>A unit with a given {@code level} has that level.
 *   <li>A unit with a role (myndighed, udfoerer, ekstern) is a {@code team} when its parent has a
 *       role too, else an {@code enhed}.
 *   <li>A grouping node (no role) lies one level above the highest of its children's levels: above
 *       an {@code enhed} it is a {@code driftsomraade}, above that a {@code forvaltning}, above
 *       that the {@code kommune} (never higher: a deeper chain of grouping nodes keeps {@code
 *       kommune} at the top).
 *   <li>A grouping node with no unit below it lies one level below its parent; a root without any
 *       is the {@code kommune}.
 *   <li>A grouping root is at least a {@code forvaltning}: the contract's roots are a municipality
 *       or a department (a department that holds units directly is not an operating area).
 * </ol>
 *
 * <p>This gives the right level on the trees the contract allows: municipality → department →
 * operating area → unit → team, a department as the root (domain.md §5: {@code SOC} is a {@code
 * forvaltning}), with or without teams. Where a tree differs (units directly under a department, a
 * unit without a role that groups teams), the input gives the level. A unit's level may not lie
 * above its parent's ({@link #misplaced}); the ingest refuses such a batch.
 */
public final class OrgLevels {
  private OrgLevels() {}

  /**
   * One unit as the rule sees it.
   *
   * @param id the unit id
   * @param parentId the parent's id, or null at the root
   * @param hasRole whether the unit has a role
   * @param given the level given with the unit, or null
   */
  public record Node(String id, String parentId, boolean hasRole, OrgLevel given) {
    /** The node of an org unit. */
    public static Node of(OrgUnit u) {
      return new Node(u.unitId(), u.parentId(), u.role() != null, u.level());
    }
  }

  /** The level of every node, by id. */
  public static Map<String, OrgLevel> derive(Collection<Node> nodes) {
    Map<String, Node> byId = new HashMap<>();
    Map<String, List<Node>> children = new HashMap<>();
    for (Node n : nodes) {
      byId.put(n.id(), n);
    }
    for (Node n : nodes) {
      if (n.parentId() != null && byId.containsKey(n.parentId())) {
        children.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
      }
    }
    Map<String, OrgLevel> up = new HashMap<>();
    Set<String> visiting = new HashSet<>();
    for (Node n : nodes) {
      fromBelow(n, byId, children, up, visiting);
    }
    Map<String, OrgLevel> levels = new HashMap<>();
    for (Node n : nodes) {
      fromAbove(n, byId, up, levels, new HashSet<>());
    }
    return levels;
  }

  /** The ids of the nodes whose level lies above their parent's. */
  public static List<String> misplaced(Collection<Node> nodes, Map<String, OrgLevel> levels) {
    List<String> ids = new ArrayList<>();
    for (Node n : nodes) {
      OrgLevel own = levels.get(n.id());
      OrgLevel parent = n.parentId() == null ? null : levels.get(n.parentId());
      if (own != null && parent != null && own.isAbove(parent)) {
        ids.add(n.id());
      }
    }
    return ids;
  }

  /** Rules 1–3: the level from the node itself and the units below it; null when none. */
  private static OrgLevel fromBelow(
      Node n,
      Map<String, Node> byId,
      Map<String, List<Node>> children,
      Map<String, OrgLevel> up,
      Set<String> visiting) {
    if (up.containsKey(n.id())) {
      return up.get(n.id());
    }
    if (!visiting.add(n.id())) {
      return null; // a cycle: the ingest refuses it anyway
    }
    OrgLevel level;
    if (n.given() != null) {
      level = n.given();
    } else if (n.hasRole()) {
      Node parent = n.parentId() == null ? null : byId.get(n.parentId());
      level = parent != null && parent.hasRole() ? OrgLevel.TEAM : OrgLevel.ENHED;
    } else {
      OrgLevel highest = null;
      for (Node child : children.getOrDefault(n.id(), List.of())) {
        OrgLevel c = fromBelow(child, byId, children, up, visiting);
        if (c != null && (highest == null || c.isAbove(highest))) {
          highest = c;
        }
      }
      level = highest == null ? null : highest.above();
      boolean root = n.parentId() == null || !byId.containsKey(n.parentId());
      if (root && level != null && OrgLevel.FORVALTNING.isAbove(level)) {
        level = OrgLevel.FORVALTNING; // the contract's roots: a municipality or a department
      }
    }
    visiting.remove(n.id());
    up.put(n.id(), level);
    return level;
  }

  /** Rule 4: grouping nodes without units below take the level below their parent's. */
  private static OrgLevel fromAbove(
      Node n,
      Map<String, Node> byId,
      Map<String, OrgLevel> up,
      Map<String, OrgLevel> levels,
      Set<String> visiting) {
    OrgLevel known = levels.get(n.id());
    if (known != null) {
      return known;
    }
    OrgLevel level = up.get(n.id());
    if (level == null) {
      Node parent = n.parentId() == null ? null : byId.get(n.parentId());
      level =
          parent == null || !visiting.add(n.id())
              ? OrgLevel.KOMMUNE
              : fromAbove(parent, byId, up, levels, visiting).below();
    }
    levels.put(n.id(), level);
    return level;
  }
}
