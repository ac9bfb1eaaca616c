package dk.goalattainment.connector.opendata;

import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.formats.CsvTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public answer to a report request: one row per group with the published figures only ({@code
 * citizens}, {@code goals_followed_up}, {@code goals_met}, {@code goal_attainment_avg}, {@code
 * goals_met_share}; null and {@code suppressed} where withheld, with the reason).
 *
 * @param threshold the fewest citizens of a published cell
 * @param computedAt when the public table was computed
 */
public record PublicReport(
    ReportRequest request, int threshold, Instant computedAt, List<Map<String, Object>> rows) {
  /** The CSV columns, in order. */
  public static final List<String> COLUMNS = columns();

  private static List<String> columns() {
    List<String> c = new ArrayList<>();
    c.add("group");
    c.addAll(PublicFigures.FIGURES);
    c.addAll(List.of("suppressed", "suppression_reason", "group_label"));
    c.addAll(List.of("period", "org_unit", "via", "grouping"));
    return List.copyOf(c);
  }

  /** The rows as CSV, with the slice in the last columns. */
  public String csv() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Map<String, Object> r = new LinkedHashMap<>(row);
      r.put("period", request.period().code());
      r.put("org_unit", request.orgUnitId());
      r.put("via", request.via().code());
      r.put("grouping", request.grouping().code());
      out.add(r);
    }
    return CsvTables.toString(COLUMNS, out);
  }
}
