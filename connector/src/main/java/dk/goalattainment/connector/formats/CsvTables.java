package dk.goalattainment.connector.formats;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer of the connector's outputs (reports, dataset rows, open data): RFC 4180 with a
 * header, {@code \n} line ends, {@code toString()} of each value (full double precision), and an
 * empty field for null.
 */
public final class CsvTables {
  private CsvTables() {}

  public static void write(List<String> columns, List<Map<String, Object>> rows, Writer out) {
    try {
      CSVPrinter printer =
          CSVFormat.DEFAULT
              .builder()
              .setRecordSeparator("\n")
              .setHeader(columns.toArray(String[]::new))
              .get()
              .print(out);
      for (Map<String, Object> row : rows) {
        List<String> cells = new ArrayList<>(columns.size());
        for (String c : columns) {
          Object v = row.get(c);
          cells.add(v == null ? "" : v.toString());
        }
        printer.printRecord(cells);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String toString(List<String> columns, List<Map<String, Object>> rows) {
    StringWriter out = new StringWriter();
    write(columns, rows, out);
    return out.toString();
  }
}
