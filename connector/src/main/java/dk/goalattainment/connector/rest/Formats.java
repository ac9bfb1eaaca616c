package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.formats.CsvTables;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.uri.UriBuilder;
import java.util.List;
import java.util.Map;

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
    return CsvTables.toString(columns, rows);
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
