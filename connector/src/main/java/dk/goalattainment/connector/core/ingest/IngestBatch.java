package dk.goalattainment.connector.core.ingest;

import java.util.Objects;

/** One all-or-nothing ingest: org units, goals and follow-ups, each possibly empty. */
public record IngestBatch(
    RecordSource<RawOrgUnit> orgUnits,
    RecordSource<RawGoal> goals,
    RecordSource<RawFollowUp> followUps) {
  public IngestBatch {
    Objects.requireNonNull(orgUnits, "orgUnits");
    Objects.requireNonNull(goals, "goals");
    Objects.requireNonNull(followUps, "followUps");
  }

  public static IngestBatch ofOrgUnits(RecordSource<RawOrgUnit> source) {
    return new IngestBatch(source, RecordSource.empty(), RecordSource.empty());
  }

  public static IngestBatch ofGoals(RecordSource<RawGoal> source) {
    return new IngestBatch(RecordSource.empty(), source, RecordSource.empty());
  }

  public static IngestBatch ofFollowUps(RecordSource<RawFollowUp> source) {
    return new IngestBatch(RecordSource.empty(), RecordSource.empty(), source);
  }
}
