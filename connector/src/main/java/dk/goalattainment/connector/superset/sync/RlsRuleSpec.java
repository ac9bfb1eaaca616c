package dk.goalattainment.connector.superset.sync;

import dk.goalattainment.connector.superset.client.FilterType;
import java.util.List;
import java.util.Objects;

/**
 * A row-level security rule: for the named roles ({@code Regular}) or for everyone but them ({@code
 * Base}), rows of the named datasets are limited by {@code clause}.
 *
 * @param name the rule's name; it must start with {@link Ownership#rlsNamePrefix()}
 * @param filterType {@code Regular} or {@code Base}
 * @param tables table names of datasets in the desired state
 * @param roles Superset role names; they must exist in Superset
 * @param clause the SQL condition, for example {@code authority_unit_id IN ('FBU', 'FBU-BC')}
 * @param groupKey rules with the same group key are ORed, or {@code null}
 * @param description the description, or {@code null}
 */
public record RlsRuleSpec(
    String name,
    FilterType filterType,
    List<String> tables,
    List<String> roles,
    String clause,
    String groupKey,
    String description) {
  public RlsRuleSpec {
    DatabaseSpec.requireText(name, "RLS rule name");
    Objects.requireNonNull(filterType, "filterType");
    DatabaseSpec.requireText(clause, "RLS clause of " + name);
    tables = List.copyOf(tables);
    roles = List.copyOf(roles);
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("RLS rule " + name + " names no table");
    }
  }
}
