package dk.goalattainment.connector.core.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A report: the request and one row per group with counted follow-ups, ordered by group. */
public record Report(ReportRequest request, List<ReportRow> rows) {
  public Report {
    Objects.requireNonNull(request, "request");
    rows = List.copyOf(rows);
  }

  public Optional<ReportRow> row(String group) {
    return rows.stream().filter(r -> group.equals(r.group())).findFirst();
  }
}
