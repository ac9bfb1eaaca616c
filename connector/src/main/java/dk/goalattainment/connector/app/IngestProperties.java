package dk.goalattainment.connector.app;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.ingest.DateWindow;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The plausible dates of input records: {@code connector.ingest.earliest-date} (env {@code
 * CONNECTOR_INGEST_EARLIEST_DATE}, default 1900-01-01), {@code connector.ingest.years-ahead}
 * ({@code CONNECTOR_INGEST_YEARS_AHEAD}, default 5: the latest date is today plus that many years)
 * and {@code connector.ingest.max-goal-years} ({@code CONNECTOR_INGEST_MAX_GOAL_YEARS}, default 5:
 * a goal's due date at most that many years after its set date).
 */
@ConfigurationProperties("connector.ingest")
public record IngestProperties(
    @Bindable(defaultValue = "1900-01-01") LocalDate earliestDate,
    @Bindable(defaultValue = "5") int yearsAhead,
    @Bindable(defaultValue = "5") int maxGoalYears) {

  /** The window these settings describe; a clear configuration error when they are unusable. */
  public DateWindow window() {
    try {
      return new DateWindow(earliestDate, yearsAhead, maxGoalYears, Clock.systemDefaultZone());
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID, "connector.ingest is unusable: " + e.getMessage());
    }
  }
}
