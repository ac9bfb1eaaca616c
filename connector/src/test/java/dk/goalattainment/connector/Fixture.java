package dk.goalattainment.connector;

import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordSource;
import java.util.ArrayList;
import java.util.List;

/** Builds small, readable test batches. CPR numbers here are synthetic. */
public final class Fixture {
  private final List<RawOrgUnit> units = new ArrayList<>();
  private final List<RawGoal> goals = new ArrayList<>();
  private final List<RawFollowUp> followUps = new ArrayList<>();

  /** Synthetic CPR number {@code n} (born 1 January 1980 + n days, 7th digit 1). */
  public static String cpr(int n) {
    java.time.LocalDate born = java.time.LocalDate.of(1980, 1, 1).plusDays(n);
    return String.format(
        "%02d%02d%02d1%03d",
        born.getDayOfMonth(), born.getMonthValue(), born.getYear() % 100, n % 1000);
  }

  public Fixture unit(String id, String parent, String role) {
    return unit(id, parent, role, null);
  }

  public Fixture unit(String id, String parent, String role, String validTo) {
    units.add(new RawOrgUnit(id, "Enhed " + id, parent, role, "2010-01-01", validTo));
    return this;
  }

  /** A unit with its level given in the input. */
  public Fixture unitAt(String id, String parent, String role, String level) {
    units.add(new RawOrgUnit(id, "Enhed " + id, parent, role, "2010-01-01", null, level));
    return this;
  }

  /** A goal set 2018-01-15, due 2018-09-30, for an adult (voksne_udsatte) on theme relationer. */
  public Fixture goal(
      String id, String cpr, int baseline, int target, String authority, String provider) {
    return goal(
        id,
        cpr,
        "voksne_udsatte",
        "relationer",
        baseline,
        target,
        "2018-01-15",
        "2018-09-30",
        authority,
        provider);
  }

  public Fixture goal(
      String id,
      String cpr,
      String targetGroup,
      String theme,
      int baseline,
      int target,
      String setDate,
      String dueDate,
      String authority,
      String provider) {
    goals.add(
        new RawGoal(
            id,
            cpr,
            targetGroup,
            theme,
            null,
            Integer.toString(baseline),
            Integer.toString(target),
            setDate,
            dueDate,
            authority,
            provider));
    return this;
  }

  public Fixture followUp(String id, String goal, String date, int score) {
    followUps.add(new RawFollowUp(id, goal, date, Integer.toString(score)));
    return this;
  }

  public IngestBatch batch() {
    return new IngestBatch(
        RecordSource.of(List.copyOf(units)),
        RecordSource.of(List.copyOf(goals)),
        RecordSource.of(List.copyOf(followUps)));
  }
}
