package dk.goalattainment.connector.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.uri.UriBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** CSV rendering and content negotiation shared by the resources. */
final class Formats {
  static final String CSV = "text/csv; charset=utf-8";

  private Formats() {}

  /** CSV when {@code ?format=csv} or when the client accepts text/csv and not JSON first. */
  static boolean wantsCsv(String format, String accept) {
    if (format != null && !format.isBlank()) {
      return "csv".equalsIgnoreCase(format.strip());
    }
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv");
  }

  static String csv(List<String> columns, List<Map<String, Object>> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer =
        CSVFormat.DEFAULT
            .builder()
            .setRecordSeparator("\n")
            .setHeader(columns.toArray(String[]::new))
            .get()
            .print(out)) {
      for (Map<String, Object> row : rows) {
        List<String> cells = new ArrayList<>(columns.size());
        for (String c : columns) {
          Object v = row.get(c);
          cells.add(v == null ? "" : v.toString());
        }
        printer.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The request's URI with another offset. */
  static String withOffset(HttpRequest<?> request, long offset) {
    UriBuilder b = UriBuilder.of(request.getPath());
    request
        .getParameters()
        .forEach(
            (name, values) -> {
              if (!"offset".equals(name)) {
                b.queryParam(name, values.toArray());
              }
            });
    return b.queryParam("offset", offset).toString();
  }
}
