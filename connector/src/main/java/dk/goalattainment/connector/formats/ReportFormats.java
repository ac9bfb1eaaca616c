package dk.goalattainment.connector.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRow;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes reports as CSV and JSON. Both use {@link ReportColumn}'s ids and order; numbers keep full
 * double precision (Java's shortest round-trip form), nulls are empty in CSV and null in JSON.
 */
public final class ReportFormats {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private ReportFormats() {}

  public static void csv(Report report, Writer out) {
    CsvTables.write(columnIds(), rows(report), out);
  }

  private static List<String> columnIds() {
    List<String> ids = new ArrayList<>();
    for (ReportColumn c : ReportColumn.values()) {
      ids.add(c.id());
    }
    return ids;
  }

  /** The rows as maps from column id to value, in column order. */
  public static List<Map<String, Object>> rows(Report report) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReportRow row : report.rows()) {
      Map<String, Object> r = new LinkedHashMap<>();
      for (ReportColumn c : ReportColumn.values()) {
        r.put(c.id(), row.get(c));
      }
      rows.add(r);
    }
    return rows;
  }

  /** The JSON document: the slice's parameters and {@code rows}, one object per group. */
  public static Map<String, Object> document(Report report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("period", report.request().period().code());
    doc.put("org", report.request().orgUnitId());
    doc.put("via", report.request().via().code());
    doc.put("by", report.request().grouping().code());
    doc.put("rows", rows(report));
    return doc;
  }

  /** The CSV as text. */
  public static String csv(Report report) {
    StringWriter out = new StringWriter();
    csv(report, out);
    return out.toString();
  }

  public static void json(Report report, Writer out) {
    try {
      JSON.writeValue(out, document(report));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
