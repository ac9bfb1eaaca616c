package dk.goalattainment.connector.store;

import dk.goalattainment.connector.Fixture;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RecordSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A day's changes to the demo data for the incremental refresh tests of {@link CubeContractTest}.
 */
final class CubeChanges {
  private CubeChanges() {}

  /**
   * A day's changes (round 0 or 1): goals moved to another unit, provider, citizen; scores of goals
   * and follow-ups changed; follow-ups moved in time; late follow-ups in closed periods; new goals
   * of new citizens.
   */
  static IngestBatch changes(List<RawGoal> goals, List<RawFollowUp> followUps, int round) {
    List<RawGoal> g = new ArrayList<>(changedGoals(goals, round));
    List<RawFollowUp> f = new ArrayList<>(changedFollowUps(followUps, round));
    f.addAll(lateFollowUps(goals, round));
    addNewCitizens(goals, round, g, f);
    return new IngestBatch(RecordSource.empty(), RecordSource.of(g), RecordSource.of(f));
  }

  /** Goals moved to another unit, provider or citizen, or given other scores. */
  private static List<RawGoal> changedGoals(List<RawGoal> goals, int round) {
    List<RawGoal> g = new ArrayList<>();
    int o = round * 7;
    for (int i = o; i < o + 40; i++) {
      RawGoal x = goals.get(i * 5 % goals.size());
      switch (i % 4) {
        case 0 -> // to another authority unit
            g.add(
                with(
                    x,
                    x.cpr(),
                    i % 8 == 0 ? "SUV-M" : "FBU-M",
                    x.providerUnitId(),
                    x.baselineScore(),
                    x.targetScore()));
        case 1 -> // to another provider, or none
            g.add(
                with(
                    x,
                    x.cpr(),
                    x.authorityUnitId(),
                    i % 3 == 0 ? null : "BST",
                    x.baselineScore(),
                    x.targetScore()));
        case 2 -> // to another citizen
            g.add(
                with(
                    x,
                    Fixture.cpr(5000 + i + round * 100),
                    x.authorityUnitId(),
                    x.providerUnitId(),
                    x.baselineScore(),
                    x.targetScore()));
        default -> { // other scores (goal type follows)
          int b = Integer.parseInt(x.baselineScore());
          g.add(
              with(
                  x,
                  x.cpr(),
                  x.authorityUnitId(),
                  x.providerUnitId(),
                  Integer.toString(b),
                  Integer.toString(Math.min(10, b + 1 + i % 3))));
        }
      }
    }
    return g;
  }

  /** Follow-ups with other scores, half of them moved 50 days later. */
  private static List<RawFollowUp> changedFollowUps(List<RawFollowUp> followUps, int round) {
    List<RawFollowUp> f = new ArrayList<>();
    int o = round * 7;
    for (int i = o; i < o + 60; i++) {
      RawFollowUp x = followUps.get(i * 7 % followUps.size());
      LocalDate d = LocalDate.parse(x.followupDate());
      LocalDate later = d.plusDays(50).isAfter(LocalDate.of(2021, 12, 31)) ? d : d.plusDays(50);
      int score = 11 - Integer.parseInt(x.score());
      f.add(
          new RawFollowUp(
              x.followupId(),
              x.goalId(),
              (i % 2 == 0 ? later : d).toString(),
              Integer.toString(score)));
    }
    return f;
  }

  /** New follow-ups dated in periods that are already closed. */
  private static List<RawFollowUp> lateFollowUps(List<RawGoal> goals, int round) {
    List<RawFollowUp> f = new ArrayList<>();
    int o = round * 7;
    for (int i = o; i < o + 60; i++) {
      RawGoal x = goals.get((i * 11 + 3) % goals.size());
      LocalDate set = LocalDate.parse(x.setDate());
      LocalDate late = set.plusDays(30 + i % 90);
      if (late.isAfter(LocalDate.of(2021, 12, 31))) {
        late = LocalDate.of(2021, 12, 31);
      }
      f.add(
          new RawFollowUp(
              "late-" + round + "-" + i,
              x.goalId(),
              late.toString(),
              Integer.toString(1 + i % 10)));
    }
    return f;
  }

  /** New citizens, each with a new goal and a follow-up. */
  private static void addNewCitizens(
      List<RawGoal> goals, int round, List<RawGoal> g, List<RawFollowUp> f) {
    for (int i = 0; i < 5; i++) {
      RawGoal x = goals.get((i * 13 + round) % goals.size());
      String id = "new-" + round + "-" + i;
      g.add(
          new RawGoal(
              id,
              Fixture.cpr(9000 + i + round * 10),
              x.targetGroup(),
              x.lifeTheme(),
              null,
              x.baselineScore(),
              x.targetScore(),
              x.setDate(),
              x.dueDate(),
              x.authorityUnitId(),
              x.providerUnitId()));
      f.add(new RawFollowUp("new-fu-" + round + "-" + i, id, x.setDate(), Integer.toString(1 + i)));
    }
  }

  private static RawGoal with(
      RawGoal x, String cpr, String authority, String provider, String baseline, String target) {
    return new RawGoal(
        x.goalId(),
        cpr,
        x.targetGroup(),
        x.lifeTheme(),
        null,
        baseline,
        target,
        x.setDate(),
        x.dueDate(),
        authority,
        provider);
  }
}
