package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks dataset-row filter values against their column's type before any SQL runs, so that a bad
 * value is a 400 naming the parameter and the expected type, never a database error that quotes the
 * statement or the value.
 */
final class FilterValues {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern DECIMAL =
      Pattern.compile("-?[0-9]{1,30}(\\.[0-9]{1,30})?([eE][-+]?[0-9]{1,3})?");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private FilterValues() {}

  /**
   * Throws {@link ErrorCode#BAD_REQUEST} listing every filter on a known column with a value of the
   * wrong type.
   */
  static void requireValid(DatasetDefinition dataset, Map<String, List<String>> filters) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      ColumnDefinition column = dataset.column(f.getKey()).orElse(null);
      if (column == null) {
        continue; // an unknown column is the query's to refuse
      }
      String expected = expected(column.type());
      if (expected != null && !f.getValue().stream().allMatch(v -> fits(column.type(), v))) {
        problems.add(column.name() + " must be " + expected + " (" + column.type() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "Invalid filter values: " + String.join("; ", problems));
    }
  }

  /** What a value of the type looks like, or null when any text is accepted. */
  private static String expected(String type) {
    return switch (type) {
      case "BIGINT", "INTEGER" -> "an integer written with the digits 0-9";
      case "DOUBLE" -> "a decimal number such as 0.5";
      case "DATE" -> "a date written YYYY-MM-DD";
      case "BOOLEAN" -> "true or false";
      default -> null;
    };
  }

  static boolean fits(String type, String value) {
    if (value == null) {
      return false;
    }
    String v = value.strip();
    return switch (type) {
      case "BIGINT" -> INTEGER.matcher(v).matches();
      case "INTEGER" -> INTEGER.matcher(v).matches() && fitsInt(v);
      case "DOUBLE" -> DECIMAL.matcher(v).matches() && Double.isFinite(Double.parseDouble(v));
      case "DATE" -> DATE.matcher(v).matches() && isDate(v);
      case "BOOLEAN" -> {
        String b = v.toLowerCase(Locale.ROOT);
        yield b.equals("true") || b.equals("false");
      }
      default -> true;
    };
  }

  private static boolean fitsInt(String v) {
    long n = Long.parseLong(v);
    return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
  }

  private static boolean isDate(String v) {
    try {
      LocalDate.parse(v);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
