package dk.goalattainment.connector.core.engine;

import java.util.Optional;

/**
 * Port: reports read from the materialised datasets, when they are fresh (refreshed after the last
 * ingest) and cover the request; empty otherwise, and the report is computed live.
 */
@FunctionalInterface
public interface MaterialisedReports {
  Optional<Report> reportIfFresh(ReportRequest request);

  /** Never answers: every report is computed live. */
  MaterialisedReports NONE = request -> Optional.empty();
}
