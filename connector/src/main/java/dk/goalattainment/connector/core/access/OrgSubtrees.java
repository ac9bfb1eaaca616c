package dk.goalattainment.connector.core.access;

import java.util.Set;

/** The port that places an org unit in the org tree, for {@link AccessPolicy}. */
@FunctionalInterface
public interface OrgSubtrees {
  /**
   * Whether {@code unitId} is one of {@code roots} or a descendant of one (closed units included).
   * An unknown unit is in no subtree.
   */
  boolean within(String unitId, Set<String> roots);
}
