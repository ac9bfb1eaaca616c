package dk.goalattainment.connector.core.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One row of a report: a value (or null) per {@link ReportColumn}. */
public record ReportRow(Map<ReportColumn, Object> values) {
  public ReportRow {
    Objects.requireNonNull(values, "values");
    // in column order, as an enum map kept it
    Map<ReportColumn, Object> copy = new LinkedHashMap<>();
    for (ReportColumn c : ReportColumn.values()) {
      if (values.containsKey(c)) {
        copy.put(c, values.get(c));
      }
    }
    values = Collections.unmodifiableMap(copy);
  }

  public Object get(ReportColumn column) {
    return values.get(column);
  }

  public String text(ReportColumn column) {
    Object v = values.get(column);
    return v == null ? null : v.toString();
  }

  public Long count(ReportColumn column) {
    Object v = values.get(column);
    return v == null ? null : ((Number) v).longValue();
  }

  public Double number(ReportColumn column) {
    Object v = values.get(column);
    return v == null ? null : ((Number) v).doubleValue();
  }

  public String group() {
    return text(ReportColumn.GROUP);
  }
}
