package dk.goalattainment.connector.core.ingest;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.model.AgeBand;
import dk.goalattainment.connector.core.model.FollowUp;
import dk.goalattainment.connector.core.model.Goal;
import dk.goalattainment.connector.core.model.GoalType;
import dk.goalattainment.connector.core.model.OrgLevel;
import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.core.model.Scores;
import dk.goalattainment.connector.core.model.UnitRole;
import dk.goalattainment.connector.core.privacy.Cpr;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules each record must meet on its own (domain.md §2). Rules that need other records (units
 * and goals that must exist, duplicate ids) are checked by the store's ingest transaction. Errors
 * name the row, field and rule, never the value: any field could hold a CPR number by mistake.
 */
public final class RecordValidator {
  /** Longest id or name accepted. */
  public static final int MAX_TEXT = 200;

  /** Longest score text read as a number: more digits cannot be a score on the ruler anyway. */
  private static final int MAX_SCORE_DIGITS = 9;

  private final Pseudonymizer pseudonymizer;
  private final DateWindow window;

  /** The catalogue's target groups and life themes by code (looked up for every goal). */
  private final Map<String, Catalogue.TargetGroup> targetGroups = new HashMap<>();

  private final Map<String, Catalogue.LifeTheme> lifeThemes = new HashMap<>();

  /** The window's last day, and until when (clock millis) it is taken as still right. */
  private record Latest(long from, long until, LocalDate day) {}

  private volatile Latest latest = new Latest(0, 0, null);

  public RecordValidator(Catalogue catalogue, Pseudonymizer pseudonymizer) {
    this(catalogue, pseudonymizer, DateWindow.defaults());
  }

  public RecordValidator(Catalogue catalogue, Pseudonymizer pseudonymizer, DateWindow window) {
    Objects.requireNonNull(catalogue, "catalogue");
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.window = Objects.requireNonNull(window, "window");
    for (Catalogue.TargetGroup g : catalogue.targetGroups()) {
      targetGroups.putIfAbsent(g.code(), g);
    }
    for (Catalogue.LifeTheme t : catalogue.lifeThemes()) {
      lifeThemes.putIfAbsent(t.code(), t);
    }
  }

  /**
   * {@link DateWindow#latest()}, asked of the clock at most once a second: it is needed for every
   * record, and turning the clock into a date costs more than the rest of a follow-up's checks.
   */
  private LocalDate latest() {
    long now = window.clock().millis();
    Latest l = latest;
    if (l.day() == null || now < l.from() || now >= l.until()) {
      l = new Latest(now, now + 1_000, window.latest());
      latest = l;
    }
    return l.day();
  }

  /** The dates this validator accepts. */
  public DateWindow window() {
    return window;
  }

  /** Collects the errors of one record. */
  private static final class Errors {
    private final String record;
    private final long row;
    private final DateWindow window;
    private final LocalDate latest;
    private final List<FieldError> list = new ArrayList<>();

    Errors(RecordKind kind, long row, DateWindow window, LocalDate latest) {
      this.record = kind.label();
      this.row = row;
      this.window = window;
      this.latest = latest;
    }

    void add(String field, String rule) {
      list.add(new FieldError(record, row, field, rule));
    }

    String id(String field, String value) {
      String v = blankToNull(value);
      if (v == null) {
        add(field, "is required");
      } else if (v.length() > MAX_TEXT) {
        add(field, "must be at most " + MAX_TEXT + " characters");
      }
      return v;
    }

    String optionalId(String field, String value) {
      String v = blankToNull(value);
      if (v != null && v.length() > MAX_TEXT) {
        add(field, "must be at most " + MAX_TEXT + " characters");
      }
      return v;
    }

    LocalDate date(String field, String value, boolean required) {
      String v = blankToNull(value);
      if (v == null) {
        if (required) {
          add(field, "is required");
        }
        return null;
      }
      LocalDate date = isoDate(v);
      if (date == null) {
        add(field, "must be a date written YYYY-MM-DD");
        return null;
      }
      if (!window.contains(date, latest)) {
        add(field, window.rule());
        return null;
      }
      return date;
    }

    Integer score(String field, String value) {
      String v = blankToNull(value);
      if (v == null) {
        add(field, "is required");
        return null;
      }
      int score = asciiNumber(v, 0, v.length());
      if (score < 0 || !Scores.onRuler(score)) {
        add(field, "must be an integer 1-10");
        return null;
      }
      return score;
    }
  }

  /**
   * A date written exactly {@code YYYY-MM-DD} in ASCII digits (no sign, no five-digit year, no
   * other digits) that exists in the proleptic calendar (no 2021-02-29), or null. Hand-parsed: it
   * runs for every date of every record, and a pattern plus a {@code DateTimeFormatter} cost more
   * than the rest of a record's checks.
   */
  static LocalDate isoDate(String v) {
    if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
      return null;
    }
    int year = asciiNumber(v, 0, 4);
    int month = asciiNumber(v, 5, 7);
    int day = asciiNumber(v, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1) {
      return null;
    }
    if (day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    return LocalDate.of(year, month, day);
  }

  /** The number written by ASCII digits {@code from}–{@code to} of {@code v} (≤ 9), or -1. */
  private static int asciiNumber(String v, int from, int to) {
    if (to <= from || to - from > MAX_SCORE_DIGITS) {
      return -1;
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  static String blankToNull(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    return v.isEmpty() ? null : v;
  }

  public Validated<OrgUnit> orgUnit(long row, RawOrgUnit raw) {
    Errors e = new Errors(RecordKind.ORG_UNITS, row, window, latest());
    String unitId = e.id("unit_id", raw.unitId());
    String name = e.id("name", raw.name());
    String parentId = e.optionalId("parent_id", raw.parentId());
    UnitRole role = null;
    String roleCode = blankToNull(raw.role());
    if (roleCode != null) {
      Optional<UnitRole> r = UnitRole.fromCode(roleCode);
      if (r.isEmpty()) {
        e.add("role", "must be empty or one of myndighed, udfoerer, ekstern");
      } else {
        role = r.get();
      }
    }
    OrgLevel level = null;
    String levelCode = blankToNull(raw.level());
    if (levelCode != null) {
      Optional<OrgLevel> l = OrgLevel.fromCode(levelCode);
      if (l.isEmpty()) {
        e.add("level", "must be empty or one of kommune, forvaltning, driftsomraade, enhed, team");
      } else {
        level = l.get();
      }
    }
    LocalDate validFrom = e.date("valid_from", raw.validFrom(), true);
    LocalDate validTo = e.date("valid_to", raw.validTo(), false);
    if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
      e.add("valid_to", "must not be before valid_from");
    }
    if (unitId != null && unitId.contains("/")) {
      // org paths (/ROOT/AREA/UNIT/) join unit ids with '/', and row-level security matches them
      e.add("unit_id", "must not contain '/', which separates the ids of an org path");
    }
    if (unitId != null && unitId.equals(parentId)) {
      e.add("parent_id", "a unit cannot be its own parent");
    }
    if (!e.list.isEmpty()) {
      return new Validated<>(null, e.list);
    }
    return new Validated<>(
        new OrgUnit(unitId, name, parentId, role, validFrom, validTo, level), e.list);
  }

  public Validated<Goal> goal(long row, RawGoal raw) {
    Errors e = new Errors(RecordKind.GOALS, row, window, latest());
    String goalId = e.id("goal_id", raw.goalId());
    Cpr cpr = cpr(e, raw.cpr());
    String groupCode = blankToNull(raw.targetGroup());
    Optional<Catalogue.TargetGroup> group = targetGroup(e, groupCode);
    String themeCode = blankToNull(raw.lifeTheme());
    Optional<Catalogue.LifeTheme> theme = lifeTheme(e, themeCode, group);
    Integer baseline = e.score("baseline_score", raw.baselineScore());
    Integer target = e.score("target_score", raw.targetScore());
    GoalType goalType = goalType(e, blankToNull(raw.goalType()), baseline, target);
    LocalDate setDate = e.date("set_date", raw.setDate(), true);
    LocalDate dueDate = e.date("due_date", raw.dueDate(), true);
    checkDueDate(e, setDate, dueDate);
    String authority = e.id("authority_unit_id", raw.authorityUnitId());
    String provider = e.optionalId("provider_unit_id", raw.providerUnitId());
    AgeBand ageBand = ageBand(e, cpr, setDate);
    if (!e.list.isEmpty()) {
      return new Validated<>(null, e.list);
    }
    return new Validated<>(
        new Goal(
            goalId,
            pseudonymizer.citizenKey(cpr),
            groupCode,
            themeCode,
            theme.orElseThrow().effectGoal(),
            goalType,
            baseline,
            target,
            setDate,
            dueDate,
            authority,
            provider,
            ageBand),
        e.list);
  }

  /** The CPR number, or null with an error naming the rule it breaks (never its value). */
  private static Cpr cpr(Errors e, String raw) {
    Cpr.Parsed parsed = Cpr.parse(raw);
    if (parsed instanceof Cpr.Invalid invalid) {
      e.add("cpr", invalid.rule());
      return null;
    }
    return ((Cpr.Valid) parsed).cpr();
  }

  private Optional<Catalogue.TargetGroup> targetGroup(Errors e, String groupCode) {
    if (groupCode == null) {
      e.add("target_group", "is required");
      return Optional.empty();
    }
    Optional<Catalogue.TargetGroup> group = Optional.ofNullable(targetGroups.get(groupCode));
    if (group.isEmpty()) {
      e.add("target_group", "is not a target group of the catalogue");
    }
    return group;
  }

  /** The life theme, which must belong to the target group's audience (children or adults). */
  private Optional<Catalogue.LifeTheme> lifeTheme(
      Errors e, String themeCode, Optional<Catalogue.TargetGroup> group) {
    if (themeCode == null) {
      e.add("life_theme", "is required");
      return Optional.empty();
    }
    Optional<Catalogue.LifeTheme> theme = Optional.ofNullable(lifeThemes.get(themeCode));
    if (theme.isEmpty()) {
      e.add("life_theme", "is not a life theme of the catalogue");
    } else if (group.isPresent() && !group.get().audience().equals(theme.get().audience())) {
      e.add(
          "life_theme",
          "is outside the target group's catalogue (a "
              + theme.get().audience()
              + " theme on a "
              + group.get().audience()
              + " target group)");
    }
    return theme;
  }

  /** The goal type as given, which must agree with the scores, or derived from them when empty. */
  private static GoalType goalType(Errors e, String typeCode, Integer baseline, Integer target) {
    if (typeCode == null) {
      return baseline != null && target != null ? GoalType.derive(baseline, target) : null;
    }
    Optional<GoalType> given = GoalType.fromCode(typeCode);
    if (given.isEmpty()) {
      e.add("goal_type", "must be empty or one of progression, maintenance, limited_decline");
      return null;
    }
    if (baseline == null || target == null) {
      return null;
    }
    GoalType derived = GoalType.derive(baseline, target);
    if (given.get() != derived) {
      e.add(
          "goal_type",
          "contradicts the scores (progression: target > baseline, maintenance: target ="
              + " baseline, limited_decline: target < baseline)");
      return null;
    }
    return derived;
  }

  private void checkDueDate(Errors e, LocalDate setDate, LocalDate dueDate) {
    if (setDate == null || dueDate == null) {
      return;
    }
    if (!dueDate.isAfter(setDate)) {
      e.add("due_date", "must be after set_date");
    } else if (dueDate.isAfter(setDate.plusYears(window.maxGoalYears()))) {
      e.add("due_date", "must lie at most " + window.maxGoalYears() + " years after set_date");
    }
  }

  /** The citizen's age band on the day the goal was set. */
  private static AgeBand ageBand(Errors e, Cpr cpr, LocalDate setDate) {
    if (cpr == null || setDate == null) {
      return null;
    }
    Optional<AgeBand> band = AgeBand.ofAge(cpr.ageOn(setDate));
    if (band.isEmpty()) {
      e.add("cpr", "the birth date it gives lies after set_date");
      return null;
    }
    return band.get();
  }

  public Validated<FollowUp> followUp(long row, RawFollowUp raw) {
    Errors e = new Errors(RecordKind.FOLLOWUPS, row, window, latest());
    String id = e.id("followup_id", raw.followupId());
    String goalId = e.id("goal_id", raw.goalId());
    LocalDate date = e.date("followup_date", raw.followupDate(), true);
    Integer score = e.score("score", raw.score());
    if (!e.list.isEmpty()) {
      return new Validated<>(null, e.list);
    }
    return new Validated<>(new FollowUp(id, goalId, date, score), e.list);
  }
}
