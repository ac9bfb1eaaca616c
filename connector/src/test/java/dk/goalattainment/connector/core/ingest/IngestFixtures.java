package dk.goalattainment.connector.core.ingest;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.catalogue.Catalogue.Coded;
import dk.goalattainment.connector.core.catalogue.Catalogue.EffectGoal;
import dk.goalattainment.connector.core.catalogue.Catalogue.LifeTheme;
import dk.goalattainment.connector.core.catalogue.Catalogue.TargetGroup;
import dk.goalattainment.connector.core.model.Label;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reusable test fixtures for the core's ingest rules: a small catalogue in memory, a pseudonymiser
 * with a test key, a date window on a fixed day, and valid raw records to vary one field at a time.
 */
public final class IngestFixtures {
  private IngestFixtures() {}

  /** "Today" for every window of these tests. */
  public static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

  /** A CPR number (fictitious, born 1990-05-15, 7th digit 1: the 1900s) that must never leak. */
  public static final String CPR = "1505901234";

  /** The key of the test pseudonymiser. */
  public static final String KEY = "a-test-key-of-32-bytes-at-least!";

  /** Effect goals LS and NM; children's themes skole (LS), familie (NM); adults' job (LS). */
  public static Catalogue catalogue() {
    Label l = new Label("da", "en");
    return new Catalogue(
        List.of(new EffectGoal("LS", l), new EffectGoal("NM", l)),
        List.of(
            new LifeTheme("skole", "LS", "children", l),
            new LifeTheme("familie", "NM", "children", l),
            new LifeTheme("job", "LS", "adults", l)),
        List.of(
            new TargetGroup("boern_unge", "children", l), new TargetGroup("voksne", "adults", l)),
        List.of(
            new Coded("progression", l),
            new Coded("maintenance", l),
            new Coded("limited_decline", l)),
        List.of(new Coded("myndighed", l), new Coded("udfoerer", l), new Coded("ekstern", l)),
        List.of(new Coded("18-29", l), new Coded("30-49", l)),
        List.of(),
        List.of());
  }

  /** The window: 1900-01-01 to {@link #TODAY} + 5 years; a due date at most 5 years after set. */
  public static DateWindow window() {
    return new DateWindow(
        DateWindow.FIRST_DAY,
        5,
        5,
        Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
  }

  public static Pseudonymizer pseudonymizer() {
    return new Pseudonymizer(KEY);
  }

  public static RecordValidator validator() {
    return new RecordValidator(catalogue(), pseudonymizer(), window());
  }

  /** A valid unit: a team under FBU, open since 2018. */
  public static RawOrgUnit unit() {
    return new RawOrgUnit("BC", "Børnecenter", "FBU", "udfoerer", "2018-01-01", "", "");
  }

  /** A valid goal: progression 3 → 7 on the children's theme skole, set 2021-01-10. */
  public static RawGoal goal() {
    return new RawGoal(
        "G1", CPR, "boern_unge", "skole", "", "3", "7", "2021-01-10", "2021-12-31", "BC", "");
  }

  /** A valid follow-up of goal G1. */
  public static RawFollowUp followUp() {
    return new RawFollowUp("F1", "G1", "2021-06-01", "5");
  }
}
