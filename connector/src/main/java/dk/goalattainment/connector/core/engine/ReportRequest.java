package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.util.Objects;

/** A slice to report on, and how to split it into rows. */
public record ReportRequest(
    Period period, String orgUnitId, Via via, Grouping grouping, Filters filters) {
  public ReportRequest {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(orgUnitId, "orgUnitId");
    via = via == null ? Via.AUTHORITY : via;
    grouping = grouping == null ? Grouping.NONE : grouping;
    filters = filters == null ? Filters.NONE : filters;
  }

  public ReportRequest(Period period, String orgUnitId, Via via, Grouping grouping) {
    this(period, orgUnitId, via, grouping, Filters.NONE);
  }
}
