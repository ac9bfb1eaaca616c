package dk.goalattainment.connector.ingest;

import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordKind;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a parser needs to know about one record kind: its input field names, which of them a CSV
 * header may leave out, and how to build the raw record from the values in field order.
 */
record RecordShape<T>(
    RecordKind kind, List<String> fields, Set<String> optional, Function<String[], T> build) {

  static final RecordShape<RawOrgUnit> ORG_UNITS =
      new RecordShape<>(
          RecordKind.ORG_UNITS,
          RawOrgUnit.FIELDS,
          Set.of("parent_id", "role", "valid_to", "level"),
          v -> new RawOrgUnit(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));

  static final RecordShape<RawGoal> GOALS =
      new RecordShape<>(
          RecordKind.GOALS,
          RawGoal.FIELDS,
          Set.of("goal_type", "provider_unit_id"),
          v -> new RawGoal(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]));

  static final RecordShape<RawFollowUp> FOLLOWUPS =
      new RecordShape<>(
          RecordKind.FOLLOWUPS,
          RawFollowUp.FIELDS,
          Set.of(),
          v -> new RawFollowUp(v[0], v[1], v[2], v[3]));

  RecordShape {
    fields = List.copyOf(fields);
    optional = Set.copyOf(optional);
    if (!fields.containsAll(optional)) {
      throw new IllegalArgumentException("optional fields must be fields");
    }
  }

  /** The name used in errors and messages: {@code goals}, {@code org-units} … */
  String label() {
    return kind.label();
  }

  /** The position of {@code field} in {@link #fields()}, or -1. */
  int indexOf(String field) {
    return fields.indexOf(field);
  }

  boolean isRequired(String field) {
    return fields.contains(field) && !optional.contains(field);
  }
}
