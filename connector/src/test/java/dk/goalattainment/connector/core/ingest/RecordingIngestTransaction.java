package dk.goalattainment.connector.core.ingest;

import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.model.FollowUp;
import dk.goalattainment.connector.core.model.Goal;
import dk.goalattainment.connector.core.model.OrgUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory {@link IngestTransaction} for the core's tests: it records what the ingest gave it
 * (staged records by row, rejected records with their keys), answers the cross-record check with
 * the errors it was told to find, simulates stored ids (a staged record whose id is stored counts
 * as replaced) and tells whether it was committed and closed. The rules that span records are the
 * store's (SQL over stage and stored tables); the database suites keep them honest.
 */
public final class RecordingIngestTransaction implements IngestTransaction {
  /** A record that broke its own rules, as the transaction was told. */
  public record Rejection(RecordKind kind, long row, RejectedKeys keys) {}

  public final Map<Long, OrgUnit> orgUnits = new LinkedHashMap<>();
  public final Map<Long, Goal> goals = new LinkedHashMap<>();
  public final Map<Long, FollowUp> followUps = new LinkedHashMap<>();
  public final List<Rejection> rejections = new ArrayList<>();
  private final List<FieldError> crossRecordErrors = new ArrayList<>();
  private final Map<RecordKind, Set<String>> storedIds = new EnumMap<>(RecordKind.class);
  private boolean crossRecordChecked;
  private boolean committed;
  private boolean closed;

  /** The cross-record check will find these errors (e.g. a duplicate id, a missing unit). */
  public RecordingIngestTransaction findingAcrossRecords(FieldError... errors) {
    crossRecordErrors.addAll(List.of(errors));
    return this;
  }

  /** These ids are stored already: staging them again replaces them. */
  public RecordingIngestTransaction storing(RecordKind kind, String... ids) {
    storedIds.computeIfAbsent(kind, k -> new HashSet<>()).addAll(List.of(ids));
    return this;
  }

  @Override
  public void stageOrgUnit(long row, OrgUnit unit) {
    requireOpen();
    orgUnits.put(row, unit);
  }

  @Override
  public void stageGoal(long row, Goal goal) {
    requireOpen();
    goals.put(row, goal);
  }

  @Override
  public void stageFollowUp(long row, FollowUp followUp) {
    requireOpen();
    followUps.put(row, followUp);
  }

  @Override
  public void rejected(RecordKind kind, long row, RejectedKeys keys) {
    requireOpen();
    rejections.add(new Rejection(kind, row, keys));
  }

  @Override
  public List<FieldError> crossRecordErrors() {
    requireOpen();
    crossRecordChecked = true;
    return List.copyOf(crossRecordErrors);
  }

  @Override
  public IngestCounts commit() {
    requireOpen();
    if (!crossRecordChecked) {
      throw new IllegalStateException("committed without checking the rules across records");
    }
    committed = true;
    Map<RecordKind, IngestCounts.KindCounts> counts = new EnumMap<>(RecordKind.class);
    counts.put(RecordKind.ORG_UNITS, counts(RecordKind.ORG_UNITS, orgUnits, OrgUnit::unitId));
    counts.put(RecordKind.GOALS, counts(RecordKind.GOALS, goals, Goal::goalId));
    counts.put(RecordKind.FOLLOWUPS, counts(RecordKind.FOLLOWUPS, followUps, FollowUp::followupId));
    return IngestCounts.of(counts);
  }

  private <T> IngestCounts.KindCounts counts(
      RecordKind kind, Map<Long, T> staged, java.util.function.Function<T, String> id) {
    Set<String> stored = storedIds.getOrDefault(kind, Set.of());
    long replaced = staged.values().stream().map(id).filter(stored::contains).count();
    return new IngestCounts.KindCounts(staged.size(), staged.size() - replaced, replaced);
  }

  @Override
  public void close() {
    closed = true;
  }

  public boolean committed() {
    return committed;
  }

  public boolean closed() {
    return closed;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the transaction is closed");
    }
  }
}
