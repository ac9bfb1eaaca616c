package dk.goalattainment.connector.definitions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/** Turns Jackson's YAML errors into messages for people: the path, the problem, the line. */
final class YamlErrors {
  private YamlErrors() {}

  static String describe(JsonProcessingException e) {
    String where = "";
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      where =
          m.getPath().stream()
              .map(
                  r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining())
              .replaceFirst("^\\.", "");
    }
    String line = e.getLocation() == null ? "" : " (near line " + e.getLocation().getLineNr() + ")";
    if (e instanceof UnrecognizedPropertyException u) {
      String known =
          u.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "));
      return "unknown field '"
          + u.getPropertyName()
          + "' at "
          + where
          + line
          + "; known fields: "
          + known;
    }
    String message =
        e.getOriginalMessage()
            .replaceAll("\\(class [^)]*\\)", "")
            .replaceAll("`[a-zA-Z0-9_.$]+`", "the field");
    return (where.isEmpty() ? "" : "at " + where + ": ") + message + line;
  }
}
