package dk.goalattainment.connector.core.engine;

import java.util.List;
import java.util.Objects;

/** SQL text with its {@code ?} parameters in order. */
public record BoundSql(String sql, List<Object> parameters) {
  public BoundSql {
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
  }
}
