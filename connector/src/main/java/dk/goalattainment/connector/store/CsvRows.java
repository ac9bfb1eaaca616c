package dk.goalattainment.connector.store;

import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Rows as CSV for a database's own bulk reader ({@code COPY … FROM STDIN (FORMAT csv)}, DuckDB's
 * {@code read_csv}): fields separated by {@code ,}, rows ended by {@code \n}; a null is an empty
 * unquoted field; every text is quoted, with {@code "} doubled, so that an empty text stays
 * distinct from null and commas, quotes and line breaks survive; dates are ISO {@code YYYY-MM-DD};
 * numbers and booleans use Java's {@code toString}.
 */
public final class CsvRows {
  private CsvRows() {}

  /** Writes one row. */
  public static void write(Writer out, Object[] values) throws IOException, SQLException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      write(out, values[i]);
    }
    out.write('\n');
  }

  private static void write(Writer out, Object v) throws IOException, SQLException {
    if (v == null) {
      return;
    }
    if (v instanceof String s) {
      out.write('"');
      if (s.indexOf('"') < 0) {
        out.write(s);
      } else {
        out.write(s.replace("\"", "\"\""));
      }
      out.write('"');
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Double
        || v instanceof Boolean
        || v instanceof LocalDate) {
      out.write(v.toString());
    } else {
      throw new SQLException("unsupported value type " + v.getClass().getSimpleName());
    }
  }
}
