package dk.goalattainment.connector.core.ingest;

import dk.goalattainment.connector.core.error.FieldError;
import java.util.List;

/** A record that passed its own rules ({@code value} set), or the rules it broke. */
public record Validated<T>(T value, List<FieldError> errors) {
  public Validated {
    errors = List.copyOf(errors);
    if ((value == null) == errors.isEmpty()) {
      throw new IllegalArgumentException("either a value or errors");
    }
  }

  public boolean valid() {
    return value != null;
  }
}
