package dk.goalattainment.connector.core.disclosure;

import java.util.List;
import java.util.Objects;

/**
 * A total and the member cells whose goal counts add up to it: {@code total = Σ members (+
 * remainder)}, for every additive count.
 *
 * @param dimension the dimension along which the total splits ({@code org_unit}, {@code
 *     effect_goal}, {@code life_theme}, {@code target_group}, {@code goal_type} …)
 * @param total the key of the total cell
 * @param members the keys of the member cells present in the table (a member absent from the table
 *     has no follow-ups: it counts as a known zero)
 * @param remainder whether the total holds a part that no member row carries — an org node's
 *     <em>own part</em> (goals held at the node itself) when it is not published as a row of its
 *     own. The remainder is an unpublished member: it always counts as withheld.
 */
public record AdditiveGroup(
    String dimension, CellKey total, List<CellKey> members, boolean remainder) {
  public AdditiveGroup {
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(total, "total");
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a group needs at least one member: " + total);
    }
    if (members.contains(total)) {
      throw new IllegalArgumentException("a total cannot be its own member: " + total);
    }
  }

  @Override
  public String toString() {
    return "[" + total + "] by " + dimension + (remainder ? " (+ unpublished remainder)" : "");
  }
}
