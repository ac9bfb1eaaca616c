package dk.goalattainment.connector.core.engine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** One row of a report: a value (or null) per {@link ReportColumn}. */
public record ReportRow(Map<ReportColumn, Object> values) {
  public ReportRow {
    Objects.requireNonNull(values, "values");
    EnumMap<ReportColumn, Object> copy = new EnumMap<>(ReportColumn.class);
    copy.putAll(values);
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
