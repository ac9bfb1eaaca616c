package dk.goalattainment.connector.superset.client;

import java.util.List;

/**
 * A row-level security rule as Superset lists it ({@code GET /api/v1/rowlevelsecurity/}).
 *
 * @param id Superset's id
 * @param name the rule's name
 * @param filterType {@code Regular} or {@code Base}
 * @param tables the datasets it applies to
 * @param roles the roles it applies to (or, for {@code Base}, exempts)
 * @param clause the SQL condition
 * @param groupKey filters with the same group key are ORed, or {@code null}
 * @param description the description, or {@code null}
 */
public record RlsRule(
    int id,
    String name,
    FilterType filterType,
    List<RlsTable> tables,
    List<Role> roles,
    String clause,
    String groupKey,
    String description) {
  public RlsRule {
    tables = List.copyOf(tables);
    roles = List.copyOf(roles);
  }
}
