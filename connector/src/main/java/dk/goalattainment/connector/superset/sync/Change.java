package dk.goalattainment.connector.superset.sync;

import java.util.List;
import java.util.Objects;

/**
 * One line of a plan: what happens to one asset and, for an update, which managed fields differ. It
 * never shows values (a database URI could carry a password).
 *
 * @param action create, update, delete or unchanged
 * @param kind database, dataset, column, metric or RLS rule
 * @param name the asset's name: {@code schema.table} for a dataset, {@code schema.table.column} for
 *     a column or metric
 * @param fields the differing fields of an update; empty otherwise
 */
public record Change(Action action, AssetKind kind, String name, List<String> fields) {
  public Change {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    fields = List.copyOf(fields);
  }

  /** The plan line, for example {@code ~ update metric "main.attainment.rate" (d3format)}. */
  public String line() {
    String line = action.symbol() + " " + action.verb() + " " + kind.label() + " \"" + name + "\"";
    return fields.isEmpty() ? line : line + " (" + String.join(", ", fields) + ")";
  }
}
