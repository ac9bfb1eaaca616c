package dk.goalattainment.connector.core.ingest;

/**
 * The ids of a rejected record: its own id and the ids it refers to (null when blank or not of its
 * kind): {@code unitRef} is an org unit's parent or a goal's authority unit, {@code unitRef2} a
 * goal's provider unit, {@code goalRef} a follow-up's goal.
 */
public record RejectedKeys(String id, String unitRef, String unitRef2, String goalRef) {
  static RejectedKeys of(RawOrgUnit r) {
    return new RejectedKeys(
        RecordValidator.blankToNull(r.unitId()),
        RecordValidator.blankToNull(r.parentId()),
        null,
        null);
  }

  static RejectedKeys of(RawGoal r) {
    return new RejectedKeys(
        RecordValidator.blankToNull(r.goalId()),
        RecordValidator.blankToNull(r.authorityUnitId()),
        RecordValidator.blankToNull(r.providerUnitId()),
        null);
  }

  static RejectedKeys of(RawFollowUp r) {
    return new RejectedKeys(
        RecordValidator.blankToNull(r.followupId()),
        null,
        null,
        RecordValidator.blankToNull(r.goalId()));
  }
}
