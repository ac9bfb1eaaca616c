package dk.goalattainment.connector.core.disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The org tree as disclosure control needs it: each node's children. A cell whose {@code org_unit}
 * is {@code "*"} splits into the roots. A node's <em>own part</em> (its goals held at the node
 * itself, not at a child) can be published as a row of its own under the unit id {@link
 * #ownPart(String)}; otherwise it is an unpublished, withheld member of the node's group.
 */
public final class OrgTree {
  /** Appended to a node's id to name the row of its own part. */
  public static final String OWN_PART_SUFFIX = "#egen";

  private final Map<String, List<String>> children;
  private final List<String> roots;

  private OrgTree(Map<String, List<String>> children) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    Set<String> childIds = new LinkedHashSet<>();
    children.forEach(
        (parent, kids) -> {
          copy.put(parent, List.copyOf(kids));
          childIds.addAll(kids);
        });
    this.children = copy;
    List<String> r = new ArrayList<>();
    for (String node : copy.keySet()) {
      if (!childIds.contains(node)) {
        r.add(node);
      }
    }
    this.roots = List.copyOf(r);
  }

  /** A tree from parent → children (leaves may be left out). */
  public static OrgTree ofChildren(Map<String, ? extends Collection<String>> children) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    children.forEach((p, kids) -> map.put(p, new ArrayList<>(kids)));
    return new OrgTree(map);
  }

  /** A tree from child → parent; a null or empty parent marks a root. */
  public static OrgTree ofParents(Map<String, String> parentOf) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    parentOf.forEach(
        (child, parent) -> {
          if (parent == null || parent.isEmpty()) {
            map.computeIfAbsent(child, k -> new ArrayList<>());
          } else {
            map.computeIfAbsent(parent, k -> new ArrayList<>()).add(child);
            map.computeIfAbsent(child, k -> new ArrayList<>());
          }
        });
    return new OrgTree(map);
  }

  /** The children of a node, in the given order; the roots for {@code "*"}. */
  public List<String> children(String node) {
    if (Dimensions.ALL.equals(node)) {
      return roots;
    }
    return children.getOrDefault(node, List.of());
  }

  /** The nodes that are nobody's child. */
  public List<String> roots() {
    return roots;
  }

  /** The unit id of the row holding a node's own part, e.g. {@code FBU#egen}. */
  public static String ownPart(String node) {
    return node + OWN_PART_SUFFIX;
  }

  /** Whether a unit id names an own-part row. */
  public static boolean isOwnPart(String unitId) {
    return unitId.endsWith(OWN_PART_SUFFIX);
  }
}
