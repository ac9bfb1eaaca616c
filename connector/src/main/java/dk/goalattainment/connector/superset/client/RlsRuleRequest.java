package dk.goalattainment.connector.superset.client;

import java.util.List;
import java.util.Objects;

/**
 * A row-level security rule to create or update ({@code POST /api/v1/rowlevelsecurity/}, {@code PUT
 * /api/v1/rowlevelsecurity/{pk}}); tables and roles by Superset id.
 */
public record RlsRuleRequest(
    String name,
    FilterType filterType,
    List<Integer> tableIds,
    List<Integer> roleIds,
    String clause,
    String groupKey,
    String description) {
  public RlsRuleRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filterType, "filterType");
    Objects.requireNonNull(clause, "clause");
    tableIds = List.copyOf(tableIds);
    roleIds = List.copyOf(roleIds);
    if (tableIds.isEmpty()) {
      throw new IllegalArgumentException("an RLS rule needs at least one table");
    }
  }
}
