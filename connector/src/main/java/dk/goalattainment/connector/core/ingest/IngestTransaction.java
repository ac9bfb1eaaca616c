package dk.goalattainment.connector.core.ingest;

import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.model.FollowUp;
import dk.goalattainment.connector.core.model.Goal;
import dk.goalattainment.connector.core.model.OrgUnit;
import java.util.List;

/**
 * Port: one all-or-nothing ingest in a store. Valid records are staged; records that failed their
 * own rules are reported by id so that other records may still refer to them without a second,
 * misleading error. Nothing is visible to readers until {@link #commit()}; {@link #close()} without
 * a commit discards everything.
 *
 * <p>Records are staged kind by kind: org units, then goals, then follow-ups (as {@link
 * IngestService} reads them). A store may begin storing the goals, within the transaction, once the
 * follow-ups begin; staging a goal after a follow-up is an {@link IllegalStateException}.
 */
public interface IngestTransaction extends AutoCloseable {
  void stageOrgUnit(long row, OrgUnit unit);

  void stageGoal(long row, Goal goal);

  void stageFollowUp(long row, FollowUp followUp);

  /**
   * A record that broke its own rules, with the ids it has and refers to (blank ones null), so that
   * references to it are not reported again and its own references are still checked.
   */
  void rejected(RecordKind kind, long row, RejectedKeys keys);

  /**
   * The rules that span records, over the staged batch and what is stored: ids unique within the
   * batch; parents, units and goals that exist; no cycle in the org tree; follow-ups not before
   * their goal's set date.
   */
  List<FieldError> crossRecordErrors();

  /** Replaces stored records with the same id, stores the rest, and makes it all visible. */
  IngestCounts commit();

  /** Discards the batch unless it was committed. */
  @Override
  void close();
}
