package dk.goalattainment.connector.core.ingest;

import static dk.goalattainment.connector.core.ingest.IngestFixtures.CPR;
import static dk.goalattainment.connector.core.ingest.IngestFixtures.followUp;
import static dk.goalattainment.connector.core.ingest.IngestFixtures.goal;
import static dk.goalattainment.connector.core.ingest.IngestFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.model.AgeBand;
import dk.goalattainment.connector.core.model.FollowUp;
import dk.goalattainment.connector.core.model.Goal;
import dk.goalattainment.connector.core.model.GoalType;
import dk.goalattainment.connector.core.model.OrgLevel;
import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.core.model.UnitRole;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule a record must meet on its own (README "Input format", domain.md §2), without a
 * database: each test varies one field of a valid record and reads the error by row, field and
 * rule, never by value.
 */
class RecordValidatorTest {
  private final RecordValidator validator = IngestFixtures.validator();

  private Validated<Goal> goalWith(UnaryOperator<RawGoal> change) {
    return validator.goal(7, change.apply(goal()));
  }

  private static RawGoal g(
      RawGoal r,
      String cpr,
      String group,
      String theme,
      String type,
      String baseline,
      String target,
      String set,
      String due) {
    return new RawGoal(
        r.goalId(),
        cpr,
        group,
        theme,
        type,
        baseline,
        target,
        set,
        due,
        r.authorityUnitId(),
        r.providerUnitId());
  }

  private static RawGoal scores(RawGoal r, String baseline, String target, String type) {
    return g(
        r,
        r.cpr(),
        r.targetGroup(),
        r.lifeTheme(),
        type,
        baseline,
        target,
        r.setDate(),
        r.dueDate());
  }

  private static RawGoal dates(RawGoal r, String set, String due) {
    return g(
        r,
        r.cpr(),
        r.targetGroup(),
        r.lifeTheme(),
        r.goalType(),
        r.baselineScore(),
        r.targetScore(),
        set,
        due);
  }

  private static RawGoal cpr(RawGoal r, String cpr) {
    return g(
        r,
        cpr,
        r.targetGroup(),
        r.lifeTheme(),
        r.goalType(),
        r.baselineScore(),
        r.targetScore(),
        r.setDate(),
        r.dueDate());
  }

  private static RawGoal themeOf(RawGoal r, String group, String theme) {
    return g(
        r,
        r.cpr(),
        group,
        theme,
        r.goalType(),
        r.baselineScore(),
        r.targetScore(),
        r.setDate(),
        r.dueDate());
  }

  /** The one error of a record: row, field and rule. */
  private static FieldError onlyError(Validated<?> v) {
    assertThat(v.valid()).as("the record should be invalid").isFalse();
    assertThat(v.errors()).hasSize(1);
    return v.errors().get(0);
  }

  // ------------------------------------------------------------------ goals

  @Test
  void aValidGoalIsPseudonymisedPlacedInItsEffectGoalAndAgeBandAndGetsItsTypeDerived() {
    Validated<Goal> v = validator.goal(1, goal());

    assertThat(v.valid()).isTrue();
    Goal goal = v.value();
    assertThat(goal.citizenKey()).hasSize(64).doesNotContain(CPR).isNotEqualTo(CPR);
    assertThat(goal.effectGoal()).isEqualTo("LS");
    assertThat(goal.goalType()).isEqualTo(GoalType.PROGRESSION);
    assertThat(goal.ageBand()).isEqualTo(AgeBand.fromCode("30-49").orElseThrow());
    assertThat(goal.toString()).doesNotContain(CPR);
  }

  @Test
  void theSameCprWithOrWithoutTheDashIsTheSameCitizen() {
    String plain = validator.goal(1, goal()).value().citizenKey();
    String dashed = goalWith(r -> cpr(r, "150590-1234")).value().citizenKey();
    assertThat(dashed).isEqualTo(plain);
  }

  @ParameterizedTest
  @CsvSource({
    "'', is required",
    "150590123, 'must be 10 digits, optionally written DDMMYY-SSSS'",
    "15059012345, 'must be 10 digits, optionally written DDMMYY-SSSS'",
    "1505901a34, 'must be 10 digits, optionally written DDMMYY-SSSS'",
    "15-0590-1234, 'must be 10 digits, optionally written DDMMYY-SSSS'",
    "3102901234, the first six digits must be a real date (DDMMYY)",
    "1513901234, the first six digits must be a real date (DDMMYY)",
  })
  void aCprNumberMustBeTenDigitsOfARealBirthDate(String cpr, String rule) {
    FieldError e = onlyError(goalWith(r -> cpr(r, cpr)));

    assertThat(e).isEqualTo(new FieldError("goals", 7, "cpr", rule));
  }

  @Test
  void theCenturyComesFromTheSeventhDigitSoABirthAfterTheSetDateIsRefused() {
    // 7th digit 4 and YY 20 → born 2020: 0 years old on 2021-01-10, a valid child
    assertThat(goalWith(r -> cpr(r, "0101204000")).value().ageBand().code()).isEqualTo("0-5");
    // 7th digit 4 and YY 36 → born 2036: after the set date
    assertThat(onlyError(goalWith(r -> cpr(r, "0101364000"))))
        .isEqualTo(
            new FieldError("goals", 7, "cpr", "the birth date it gives lies after set_date"));
    // 7th digit 5 and YY 58 → born 1858, 7th digit 3 and YY 58 → born 1958: both 65+ in 2021
    assertThat(goalWith(r -> cpr(r, "0101585000")).value().ageBand().code()).isEqualTo("65+");
    assertThat(goalWith(r -> cpr(r, "0101583000")).value().ageBand().code()).isEqualTo("50-64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "11", "-3", "+3", "3.0", "٣", "３", "three", "1234567890"})
  void scoresAreIntegersOneToTenInAsciiDigits(String score) {
    FieldError e = onlyError(goalWith(r -> scores(r, score, "7", "")));

    assertThat(e)
        .isEqualTo(new FieldError("goals", 7, "baseline_score", "must be an integer 1-10"));
  }

  @Test
  void theRulerEndsAreValidScores() {
    assertThat(goalWith(r -> scores(r, "1", "10", "")).valid()).isTrue();
    assertThat(goalWith(r -> scores(r, " 10 ", "10", "")).value().goalType())
        .isEqualTo(GoalType.MAINTENANCE);
  }

  @ParameterizedTest
  @CsvSource({
    "3, 7, progression, PROGRESSION",
    "5, 5, maintenance, MAINTENANCE",
    "8, 6, limited_decline, LIMITED_DECLINE",
    "3, 7, '', PROGRESSION",
    "5, 5, '', MAINTENANCE",
    "8, 6, '', LIMITED_DECLINE",
  })
  void aGivenGoalTypeMustAgreeWithTheScoresAndAMissingOneIsDerived(
      String baseline, String target, String given, GoalType type) {
    assertThat(goalWith(r -> scores(r, baseline, target, given)).value().goalType())
        .isEqualTo(type);
  }

  @Test
  void aGoalTypeThatContradictsTheScoresOrIsUnknownIsRefused() {
    assertThat(onlyError(goalWith(r -> scores(r, "3", "7", "maintenance"))).rule())
        .startsWith("contradicts the scores");
    assertThat(onlyError(goalWith(r -> scores(r, "3", "7", "growth"))).rule())
        .isEqualTo("must be empty or one of progression, maintenance, limited_decline");
  }

  @Test
  void theTargetGroupAndThemeMustBeKnownAndTheThemeInTheGroupsCatalogue() {
    assertThat(onlyError(goalWith(r -> themeOf(r, "nobody", "skole"))))
        .isEqualTo(
            new FieldError("goals", 7, "target_group", "is not a target group of the catalogue"));
    assertThat(onlyError(goalWith(r -> themeOf(r, "boern_unge", "dans"))))
        .isEqualTo(
            new FieldError("goals", 7, "life_theme", "is not a life theme of the catalogue"));
    assertThat(onlyError(goalWith(r -> themeOf(r, "voksne", "skole"))).rule())
        .isEqualTo(
            "is outside the target group's catalogue (a children theme on a adults target group)");
    assertThat(goalWith(r -> themeOf(r, "voksne", "job")).value().effectGoal()).isEqualTo("LS");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2021-1-10",
        "10-01-2021",
        "2021/01/10",
        "2021-02-30",
        "+2021-01-10",
        "２０２１-01-10",
        "20210-01-10",
        "2021-01-10T00:00"
      })
  void datesAreExactlyYyyyMmDdInAsciiDigits(String date) {
    assertThat(onlyError(goalWith(r -> dates(r, date, "2021-12-31"))))
        .isEqualTo(new FieldError("goals", 7, "set_date", "must be a date written YYYY-MM-DD"));
  }

  /**
   * The hand-written date reader accepts exactly what the strict ISO pattern {@code uuuu-MM-dd}
   * after a {@code [0-9]{4}-[0-9]{2}-[0-9]{2}} check accepted, and reads the same day: every day of
   * 1899–2032 and 2400, the impossible days around every month end, and characters that only look
   * like digits or dashes.
   */
  @Test
  void theDateReaderAcceptsExactlyTheStrictIsoDates() {
    java.time.format.DateTimeFormatter strict =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    java.util.regex.Pattern form = java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    List<String> texts = new java.util.ArrayList<>();
    for (int year : new int[] {0, 1, 1899, 1900, 1999, 2000, 2020, 2021, 2024, 2032, 2100, 2400}) {
      for (int month = 0; month <= 13; month++) {
        for (int day = 0; day <= 32; day++) {
          texts.add(String.format("%04d-%02d-%02d", year, month, day));
        }
      }
    }
    texts.addAll(
        List.of(
            "2021-1-10",
            "2021-01-1",
            "2021/01/10",
            "+202-01-10",
            "2021-0a-10",
            "2021-01-1a",
            "20a1-01-10",
            "２０２１-01-10",
            "2021‐01‐10",
            "٢٠٢١-01-10",
            "",
            "2021-01-10 "));
    int accepted = 0;
    for (String text : texts) {
      java.time.LocalDate expected;
      try {
        expected = form.matcher(text).matches() ? java.time.LocalDate.parse(text, strict) : null;
      } catch (java.time.format.DateTimeParseException e) {
        expected = null;
      }
      assertThat(RecordValidator.isoDate(text)).as(text).isEqualTo(expected);
      accepted += expected == null ? 0 : 1;
    }
    assertThat(accepted).isEqualTo(12 * 365 + 6); // leap years 0, 2000, 2020, 2024, 2032, 2400
  }

  @Test
  void datesMustLieInThePlausibleWindow() {
    String rule = "must lie between 1900-01-01 and 2031-06-30 (the plausible dates)";
    assertThat(onlyError(goalWith(r -> dates(r, "1899-12-31", "1900-06-01"))))
        .isEqualTo(new FieldError("goals", 7, "set_date", rule));
    assertThat(onlyError(goalWith(r -> dates(r, "2031-01-01", "2031-07-01"))))
        .isEqualTo(new FieldError("goals", 7, "due_date", rule));
    assertThat(goalWith(r -> dates(r, "1900-01-01", "1900-06-01")).valid()).isFalse();
    assertThat(goalWith(r -> dates(r, "2026-06-30", "2031-06-30")).valid()).isTrue();
  }

  @Test
  void theDueDateLiesAfterTheSetDateAndAtMostFiveYearsLater() {
    assertThat(onlyError(goalWith(r -> dates(r, "2021-01-10", "2021-01-10"))))
        .isEqualTo(new FieldError("goals", 7, "due_date", "must be after set_date"));
    assertThat(onlyError(goalWith(r -> dates(r, "2021-01-10", "2026-01-11"))))
        .isEqualTo(
            new FieldError("goals", 7, "due_date", "must lie at most 5 years after set_date"));
    assertThat(goalWith(r -> dates(r, "2021-01-10", "2026-01-10")).valid()).isTrue();
  }

  @Test
  void everyBrokenRuleOfAGoalIsListedAndNoneRepeatsAValue() {
    RawGoal bad =
        new RawGoal(" ", "12345", "nobody", "", "growth", "0", "x", "2021-13-01", "", "", CPR);

    Validated<Goal> v = validator.goal(3, bad);

    assertThat(v.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "goal_id",
            "cpr",
            "target_group",
            "life_theme",
            "baseline_score",
            "target_score",
            "goal_type",
            "set_date",
            "due_date",
            "authority_unit_id");
    assertThat(v.errors()).allSatisfy(e -> assertThat(e.row()).isEqualTo(3));
    for (FieldError e : v.errors()) {
      assertThat(e.message())
          .doesNotContain("12345", CPR, "nobody", "growth", "2021-13-01")
          .startsWith("goals: row 3, field ");
    }
  }

  @Test
  void idsAndNamesAreBoundedAndAProviderUnitIsOptional() {
    String longId = "x".repeat(RecordValidator.MAX_TEXT + 1);
    RawGoal r = goal();
    RawGoal withLongId =
        new RawGoal(
            longId,
            r.cpr(),
            r.targetGroup(),
            r.lifeTheme(),
            r.goalType(),
            r.baselineScore(),
            r.targetScore(),
            r.setDate(),
            r.dueDate(),
            r.authorityUnitId(),
            "");
    assertThat(onlyError(validator.goal(2, withLongId)))
        .isEqualTo(new FieldError("goals", 2, "goal_id", "must be at most 200 characters"));
    assertThat(validator.goal(1, goal()).value().providerUnitId()).isNull();
  }

  // ------------------------------------------------------------------ org units

  @Test
  void aValidUnitKeepsItsRoleAndGivenLevel() {
    RawOrgUnit r = unit();
    Validated<OrgUnit> v =
        validator.orgUnit(
            1,
            new RawOrgUnit(
                r.unitId(), r.name(), r.parentId(), r.role(), r.validFrom(), "", "team"));

    assertThat(v.value().role()).isEqualTo(UnitRole.fromCode("udfoerer").orElseThrow());
    assertThat(v.value().level()).isEqualTo(OrgLevel.fromCode("team").orElseThrow());
    assertThat(validator.orgUnit(1, unit()).value().level()).as("derived later").isNull();
  }

  @Test
  void unitRulesRoleLevelValidityPathSeparatorAndOwnParent() {
    assertThat(orgError(new RawOrgUnit("BC", "B", "FBU", "chef", "2018-01-01", "", "")))
        .isEqualTo(
            new FieldError(
                "org-units", 4, "role", "must be empty or one of myndighed, udfoerer, ekstern"));
    assertThat(orgError(new RawOrgUnit("BC", "B", "FBU", "", "2018-01-01", "", "region")).rule())
        .isEqualTo("must be empty or one of kommune, forvaltning, driftsomraade, enhed, team");
    assertThat(orgError(new RawOrgUnit("BC", "B", "FBU", "", "2018-01-01", "2017-12-31", "")))
        .isEqualTo(new FieldError("org-units", 4, "valid_to", "must not be before valid_from"));
    assertThat(orgError(new RawOrgUnit("B/C", "B", "FBU", "", "2018-01-01", "", "")).rule())
        .startsWith("must not contain '/'");
    assertThat(orgError(new RawOrgUnit("BC", "B", "BC", "", "2018-01-01", "", "")))
        .isEqualTo(new FieldError("org-units", 4, "parent_id", "a unit cannot be its own parent"));
    assertThat(orgError(new RawOrgUnit("BC", "", "FBU", "", "", "", "")).field()).isIn("name");
  }

  private FieldError orgError(RawOrgUnit raw) {
    Validated<OrgUnit> v = validator.orgUnit(4, raw);
    assertThat(v.valid()).isFalse();
    return v.errors().get(0);
  }

  @Test
  void aUnitWithoutNameAndStartListsBoth() {
    assertThat(validator.orgUnit(4, new RawOrgUnit("BC", "", "FBU", "", "", "", "")).errors())
        .containsExactly(
            new FieldError("org-units", 4, "name", "is required"),
            new FieldError("org-units", 4, "valid_from", "is required"));
  }

  // ------------------------------------------------------------------ follow-ups

  @Test
  void aFollowUpNeedsItsIdsADateInTheWindowAndAScoreOnTheRuler() {
    Validated<FollowUp> ok = validator.followUp(1, followUp());
    assertThat(ok.value().score()).isEqualTo(5);

    Validated<FollowUp> bad = validator.followUp(9, new RawFollowUp("", "", "2040-01-01", "11"));
    assertThat(bad.errors())
        .containsExactly(
            new FieldError("followups", 9, "followup_id", "is required"),
            new FieldError("followups", 9, "goal_id", "is required"),
            new FieldError(
                "followups",
                9,
                "followup_date",
                "must lie between 1900-01-01 and 2031-06-30 (the plausible dates)"),
            new FieldError("followups", 9, "score", "must be an integer 1-10"));
  }

  @Test
  void aCprNumberInAnyFieldOfAFollowUpIsNeverRepeated() {
    Validated<FollowUp> v = validator.followUp(2, new RawFollowUp("F", "G", CPR, CPR));

    assertThat(v.errors()).hasSize(2);
    assertThat(v.errors().stream().map(FieldError::message).toList())
        .allSatisfy(m -> assertThat(m).doesNotContain(CPR).doesNotContain("150590"));
    assertThat(List.of(v.errors().get(0).field(), v.errors().get(1).field()))
        .containsExactly("followup_date", "score");
  }
}
