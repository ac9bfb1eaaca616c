package dk.goalattainment.connector;

import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordSource;
import java.util.List;

/**
 * The worked example of domain.md §5: org SOC → FBU → BC (udfoerer) and FBU-M (myndighed); citizen
 * A with goals g1–g3, citizen B with g4–g5, all followed up in 2018-Q4 at authority unit FBU-M. The
 * CPR numbers are synthetic.
 */
public final class WorkedExample {
  public static final String CPR_A = "0101104001";
  public static final String CPR_B = "020212-4002";

  private WorkedExample() {}

  public static List<RawOrgUnit> orgUnits() {
    return List.of(
        new RawOrgUnit("SOC", "Socialforvaltningen", "", "", "2010-01-01", ""),
        new RawOrgUnit("FBU", "Familier, Børn og Unge", "SOC", "", "2010-01-01", ""),
        new RawOrgUnit("BC", "Børnecentret", "FBU", "udfoerer", "2010-01-01", ""),
        new RawOrgUnit("FBU-M", "FBU Myndighed", "FBU", "myndighed", "2010-01-01", ""));
  }

  public static List<RawGoal> goals() {
    return List.of(
        goal("g1", CPR_A, "skole", 3, 6),
        goal("g2", CPR_A, "familie", 5, 5),
        goal("g3", CPR_A, "fritid", 4, 6),
        goal("g4", CPR_B, "familie", 6, 4),
        goal("g5", CPR_B, "fritid", 2, 5));
  }

  public static RawGoal goal(String id, String cpr, String theme, int baseline, int target) {
    return new RawGoal(
        id,
        cpr,
        "boern_unge_udsatte",
        theme,
        "",
        Integer.toString(baseline),
        Integer.toString(target),
        "2018-03-01",
        "2018-12-01",
        "FBU-M",
        "BC");
  }

  public static List<RawFollowUp> followUps() {
    return List.of(
        new RawFollowUp("f1", "g1", "2018-11-15", "6"),
        new RawFollowUp("f2", "g2", "2018-11-15", "4"),
        new RawFollowUp("f3", "g3", "2018-11-15", "6"),
        new RawFollowUp("f4", "g4", "2018-11-15", "5"),
        new RawFollowUp("f5", "g5", "2018-11-15", "3"));
  }

  public static IngestBatch batch() {
    return new IngestBatch(
        RecordSource.of(orgUnits()), RecordSource.of(goals()), RecordSource.of(followUps()));
  }
}
