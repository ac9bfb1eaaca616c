package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.Fixture;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small synthetic organisations of the shapes the contract allows, with seeded goals and follow-ups
 * from 2019 to {@link #AS_OF} (15 November 2021, a follow-up on that very day): the latest complete
 * year is 2020, quarter 2021-Q3, rolling window 2021-Q3R4. CPR numbers are synthetic.
 */
public enum OrgShapes {
  /** Aarhus-like: municipality → department → operating areas → units → teams, a closed unit. */
  MUNICIPALITY_WITH_TEAMS,
  /** domain.md §5: the department is the root; no teams. */
  DEPARTMENT_ROOT,
  /** A municipality root, no teams. */
  NO_TEAMS;

  /** The date the data runs to. */
  public static final LocalDate AS_OF = LocalDate.of(2021, 11, 15);

  private static final String[] CHILD_THEMES = {
    "skole", "familie", "fritid", "sundhed", "udvikling"
  };
  private static final String[] ADULT_THEMES = {
    "samfundsliv", "relationer", "egenomsorg", "sundhedsforhold", "mentale_funktioner"
  };

  List<RawOrgUnit> units() {
    List<RawOrgUnit> u = new ArrayList<>();
    boolean municipality = this != DEPARTMENT_ROOT;
    if (municipality) {
      u.add(unit("AAK", "Aarhus Kommune", "", "", null));
    }
    u.add(unit("SOC", "Socialforvaltningen", municipality ? "AAK" : "", "", null));
    u.add(unit("FBU", "Familier, Børn og Unge", "SOC", "", null));
    u.add(unit("FBU-M", "FBU Myndighed", "FBU", "myndighed", null));
    u.add(unit("BC", "Børnecentret", "FBU", "udfoerer", null));
    u.add(unit("SUV", "Socialpsykiatri og Udsatte Voksne", "SOC", "", null));
    u.add(unit("SUV-M", "SUV Myndighed", "SUV", "myndighed", null));
    u.add(unit("SPN", "Socialpsykiatrien Nord", "SUV", "udfoerer", null));
    if (this != DEPARTMENT_ROOT) {
      u.add(unit("CFP", "Center for Familiepleje", "FBU", "udfoerer", "2020-06-30"));
      u.add(unit("BO", "Bostedet Lindely (privat)", "SUV", "ekstern", null));
    }
    if (this == MUNICIPALITY_WITH_TEAMS) {
      u.add(unit("BC-T1", "Team Familiebehandling", "BC", "udfoerer", null));
      u.add(unit("BC-T2", "Team Aflastning", "BC", "udfoerer", null));
      u.add(unit("SPN-T1", "Team Bostøtte Nord", "SPN", "udfoerer", null));
    }
    return u;
  }

  private static RawOrgUnit unit(String id, String name, String parent, String role, String to) {
    return new RawOrgUnit(id, name, parent, role, "2015-01-01", to == null ? "" : to);
  }

  /** Provider units of an area that a goal set on {@code day} can have. */
  private List<String> providers(String area, LocalDate day) {
    List<String> out = new ArrayList<>();
    for (RawOrgUnit u : units()) {
      boolean inArea =
          u.parentId().equals(area)
              || units().stream()
                  .anyMatch(p -> p.unitId().equals(u.parentId()) && p.parentId().equals(area));
      boolean open = u.validTo().isEmpty() || !day.isAfter(LocalDate.parse(u.validTo()));
      if (inArea && open && !u.role().isEmpty() && !u.role().equals("myndighed")) {
        out.add(u.unitId());
      }
    }
    return out;
  }

  public IngestBatch batch() {
    SplittableRandom rng = new SplittableRandom(20211115L + ordinal());
    List<RawGoal> goals = new ArrayList<>();
    List<RawFollowUp> followUps = new ArrayList<>();
    LocalDate first = LocalDate.of(2019, 1, 1);
    int goalNo = 0;
    for (int citizen = 1; citizen <= 90; citizen++) {
      boolean children = citizen % 2 == 0;
      String area = children ? "FBU" : "SUV";
      String group =
          children
              ? (citizen % 4 == 0 ? "boern_unge_udsatte" : "boern_unge_handicap")
              : (citizen % 3 == 0 ? "voksne_psykisk" : "voksne_udsatte");
      String[] themes = children ? CHILD_THEMES : ADULT_THEMES;
      int count = 1 + rng.nextInt(3);
      for (int k = 0; k < count; k++) {
        LocalDate set = first.plusDays(rng.nextInt(880));
        LocalDate due = set.plusDays(180 + rng.nextInt(150));
        int baseline = 2 + rng.nextInt(7);
        int target = Math.max(1, Math.min(10, baseline - 1 + rng.nextInt(4)));
        List<String> providers = providers(area, set);
        String provider = rng.nextInt(10) == 0 ? "" : providers.get(rng.nextInt(providers.size()));
        String goalId = "G" + (++goalNo);
        goals.add(
            new RawGoal(
                goalId,
                Fixture.cpr(citizen),
                group,
                themes[rng.nextInt(themes.length)],
                "",
                Integer.toString(baseline),
                Integer.toString(target),
                set.toString(),
                due.toString(),
                area + "-M",
                provider));
        int planned = 1 + rng.nextInt(2);
        for (int j = 0; j < planned; j++) {
          LocalDate day =
              set.plusDays(
                  30 + rng.nextInt(Math.max(1, (int) (due.toEpochDay() - set.toEpochDay()) + 30)));
          if (day.isAfter(AS_OF)) {
            continue;
          }
          followUps.add(
              new RawFollowUp(
                  "F" + goalNo + "-" + j,
                  goalId,
                  day.toString(),
                  Integer.toString(1 + rng.nextInt(10))));
        }
      }
    }
    // the data runs to AS_OF: one follow-up on that day
    followUps.add(new RawFollowUp("F-LAST", "G1", AS_OF.toString(), "7"));
    return new IngestBatch(
        RecordSource.of(units()), RecordSource.of(goals), RecordSource.of(followUps));
  }
}
