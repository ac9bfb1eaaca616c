package dk.goalattainment.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordSource;
import dk.goalattainment.connector.core.ingest.RecordValidator;
import dk.goalattainment.connector.core.ingest.Row;
import dk.goalattainment.connector.core.ingest.Validated;
import dk.goalattainment.connector.core.model.GoalType;
import dk.goalattainment.connector.core.privacy.Cpr;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  private static Catalogue catalogue;
  private static DemoData twoThousand;
  private static List<RawOrgUnit> units;
  private static List<RawGoal> goals;
  private static List<RawFollowUp> followUps;

  @BeforeAll
  static void generateTwoThousandCitizens() throws IOException {
    Path dir = Path.of(System.getProperty("definitions.dir", "../dataset-definitions"));
    Path file = dir.resolve(CatalogueLoader.FILE);
    catalogue =
        CatalogueLoader.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    twoThousand = new DemoData(catalogue, 2_000, 42);
    units = records(twoThousand.orgUnits());
    goals = records(twoThousand.goals());
    followUps = records(twoThousand.followUps());
  }

  private static <T> List<T> records(RecordSource<T> source) {
    List<T> list = new ArrayList<>();
    long[] expected = {0};
    source.forEach(
        row -> {
          assertThat(row.number()).isEqualTo(++expected[0]);
          list.add(row.record());
        });
    return list;
  }

  /** A goal's fields as a list, CPR included (RawGoal's toString hides it). */
  private static List<String> fields(RawGoal g) {
    return List.of(
        g.goalId(),
        g.cpr(),
        g.targetGroup(),
        g.lifeTheme(),
        g.goalType(),
        g.baselineScore(),
        g.targetScore(),
        g.setDate(),
        g.dueDate(),
        g.authorityUnitId(),
        g.providerUnitId());
  }

  @Test
  void twoInstancesWithTheSameSeedGiveTheSameRecords() {
    DemoData again = new DemoData(catalogue, 2_000, 42);
    assertThat(records(again.orgUnits())).isEqualTo(units);
    assertThat(records(again.goals()).stream().map(DemoDataTest::fields).toList())
        .isEqualTo(goals.stream().map(DemoDataTest::fields).toList());
    assertThat(records(again.followUps())).isEqualTo(followUps);
  }

  @Test
  void readingASourceTwiceGivesTheSameRecords() {
    assertThat(records(twoThousand.goals()).stream().map(DemoDataTest::fields).toList())
        .isEqualTo(goals.stream().map(DemoDataTest::fields).toList());
    assertThat(records(twoThousand.followUps())).isEqualTo(followUps);
  }

  @Test
  void aDifferentSeedGivesDifferentRecords() {
    DemoData other = new DemoData(catalogue, 2_000, 43);
    assertThat(records(other.goals()).stream().map(DemoDataTest::fields).toList())
        .isNotEqualTo(goals.stream().map(DemoDataTest::fields).toList());
    assertThat(records(other.followUps())).isNotEqualTo(followUps);
  }

  @Test
  void aSmallerSetWithTheSameSeedIsAPrefixOfALargerOne() {
    DemoData small = new DemoData(catalogue, 500, 42);
    List<RawGoal> smallGoals = records(small.goals());
    assertThat(smallGoals.stream().map(DemoDataTest::fields).toList())
        .isEqualTo(goals.subList(0, smallGoals.size()).stream().map(DemoDataTest::fields).toList());
  }

  @Test
  void theBatchHoldsTheSameSources() {
    var batch = twoThousand.batch();
    assertThat(records(batch.orgUnits())).isEqualTo(units);
    assertThat(records(batch.followUps())).isEqualTo(followUps);
    assertThat(records(batch.goals())).hasSameSizeAs(goals);
  }

  @Test
  void theEstimateIsCloseToTheActualNumberOfRecords() {
    long actual = units.size() + goals.size() + followUps.size();
    assertThat((double) twoThousand.estimatedRecords())
        .isCloseTo(actual, Percentage.withPercentage(5));
  }

  @Test
  void noCitizensGiveOnlyTheOrgTree() {
    DemoData none = new DemoData(catalogue, 0, 1);
    assertThat(records(none.orgUnits())).isEqualTo(units);
    assertThat(records(none.goals())).isEmpty();
    assertThat(records(none.followUps())).isEmpty();
  }

  @Test
  void aNegativeNumberOfCitizensIsRefused() {
    assertThatThrownBy(() -> new DemoData(catalogue, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyParentOfAnOrgUnitExistsAndThereIsOneRoot() {
    Set<String> ids = units.stream().map(RawOrgUnit::unitId).collect(Collectors.toSet());
    assertThat(ids).hasSameSizeAs(units);
    assertThat(units.stream().filter(u -> u.parentId().isEmpty()))
        .extracting(RawOrgUnit::unitId)
        .containsExactly("AAK");
    Set<String> seen = new HashSet<>();
    for (RawOrgUnit u : units) {
      if (!u.parentId().isEmpty()) {
        assertThat(seen).as("parent of %s listed before it", u.unitId()).contains(u.parentId());
      }
      seen.add(u.unitId());
    }
  }

  @Test
  void theOrgTreeIsShapedLikeAarhus() {
    Map<String, RawOrgUnit> byId = new HashMap<>();
    units.forEach(u -> byId.put(u.unitId(), u));
    assertThat(byId.get("SOC").parentId()).isEqualTo("AAK");
    for (String area : List.of("FBU", "SUV", "VH")) {
      assertThat(byId.get(area).parentId()).isEqualTo("SOC");
      assertThat(byId.get(area).role()).isEmpty();
      assertThat(byId.get(area + "-M").role()).isEqualTo("myndighed");
      assertThat(byId.get(area + "-M").parentId()).isEqualTo(area);
    }
    assertThat(byId.get("AAK").role()).isEmpty();
    assertThat(byId.get("SOC").role()).isEmpty();
    assertThat(byId.get("BC").name()).isEqualTo("Børnecentret");
    assertThat(byId.get("UC").name()).isEqualTo("Ungdomscentret");
    LocalDate cutoff = LocalDate.of(2018, 1, 1);
    for (RawOrgUnit u : units) {
      if (!u.validTo().isEmpty()) {
        LocalDate closed = LocalDate.parse(u.validTo());
        assertThat(
                units.stream()
                    .filter(s -> s.parentId().equals(u.parentId()) && s.role().equals(u.role()))
                    .filter(s -> s.validFrom().equals(closed.plusDays(1).toString())))
            .as("successor of %s", u.unitId())
            .isNotEmpty();
      }
    }
    assertThat(units.stream().filter(u -> !u.validTo().isEmpty())).hasSizeGreaterThanOrEqualTo(2);
    assertThat(units)
        .filteredOn(u -> LocalDate.parse(u.validFrom()).isAfter(cutoff))
        .allSatisfy(
            u ->
                assertThat(units)
                    .anyMatch(
                        closed ->
                            !closed.validTo().isEmpty()
                                && LocalDate.parse(closed.validTo())
                                    .isBefore(LocalDate.parse(u.validFrom()))));
  }

  @Test
  void everyRoleTargetGroupAndGoalTypeIsPresent() {
    assertThat(units.stream().map(RawOrgUnit::role).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("", "myndighed", "udfoerer", "ekstern");
    assertThat(goals.stream().map(RawGoal::targetGroup).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(
            catalogue.targetGroups().stream().map(Catalogue.TargetGroup::code).toList());
    assertThat(goals.stream().map(g -> derivedType(g).code()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("progression", "maintenance", "limited_decline");
    assertThat(goals.stream().map(RawGoal::goalType).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("", "progression", "maintenance", "limited_decline");
    assertThat(goals.stream().map(RawGoal::lifeTheme).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(
            catalogue.lifeThemes().stream().map(Catalogue.LifeTheme::code).toList());
  }

  private static GoalType derivedType(RawGoal g) {
    return GoalType.derive(Integer.parseInt(g.baselineScore()), Integer.parseInt(g.targetScore()));
  }

  @Test
  void goalsAreShapedAsTheIssueAsks() {
    LocalDate first = LocalDate.of(2018, 1, 1);
    LocalDate last = LocalDate.of(2021, 6, 30);
    Map<String, RawOrgUnit> byId = new HashMap<>();
    units.forEach(u -> byId.put(u.unitId(), u));
    Map<String, Integer> perCitizen = new HashMap<>();
    for (RawGoal g : goals) {
      assertThat(g.goalId()).matches("G\\d{9}");
      LocalDate set = LocalDate.parse(g.setDate());
      LocalDate due = LocalDate.parse(g.dueDate());
      assertThat(set).isBetween(first, last);
      assertThat(due).isBetween(set.plusMonths(6), set.plusMonths(12));
      int baseline = Integer.parseInt(g.baselineScore());
      int target = Integer.parseInt(g.targetScore());
      assertThat(baseline).isBetween(1, 10);
      assertThat(target).isBetween(1, 10);
      if (!g.goalType().isEmpty()) {
        assertThat(g.goalType()).isEqualTo(GoalType.derive(baseline, target).code());
      }
      String area =
          switch (g.targetGroup()) {
            case "boern_unge_udsatte", "boern_unge_handicap" -> "FBU";
            case "voksne_psykisk", "voksne_udsatte" -> "SUV";
            default -> "VH";
          };
      assertThat(g.authorityUnitId()).isEqualTo(area + "-M");
      if (!g.providerUnitId().isEmpty()) {
        RawOrgUnit provider = byId.get(g.providerUnitId());
        assertThat(provider.role()).isIn("udfoerer", "ekstern");
        assertThat(areaOf(provider, byId)).isEqualTo(area);
        assertThat(LocalDate.parse(provider.validFrom())).isBeforeOrEqualTo(set);
        if (!provider.validTo().isEmpty()) {
          assertThat(LocalDate.parse(provider.validTo())).isAfterOrEqualTo(set);
        }
      }
      perCitizen.merge(digits(g.cpr()), 1, Integer::sum);
    }
    assertThat(goals).anyMatch(g -> g.providerUnitId().isEmpty());
    assertThat(goals).anyMatch(g -> g.providerUnitId().equals("CFP"));
    assertThat(goals).anyMatch(g -> g.providerUnitId().equals("FPC"));
    assertThat(goals.stream().map(RawGoal::goalId).distinct()).hasSameSizeAs(goals);
    assertThat(perCitizen.values()).allSatisfy(n -> assertThat(n).isBetween(1, 8));
    assertThat(perCitizen.size()).isGreaterThan(1_990);
  }

  private static String areaOf(RawOrgUnit unit, Map<String, RawOrgUnit> byId) {
    RawOrgUnit u = unit;
    while (!u.parentId().equals("SOC")) {
      u = byId.get(u.parentId());
    }
    return u.unitId();
  }

  private static String digits(String cpr) {
    return cpr.replace("-", "");
  }

  @Test
  void everyFollowUpIsOnOrAfterItsGoalsSetDateAndWithinTheData() {
    Map<String, RawGoal> byId = new HashMap<>();
    goals.forEach(g -> byId.put(g.goalId(), g));
    for (RawFollowUp f : followUps) {
      assertThat(f.followupId()).matches("F\\d{9}");
      RawGoal goal = byId.get(f.goalId());
      assertThat(goal).as("goal of %s", f.followupId()).isNotNull();
      LocalDate date = LocalDate.parse(f.followupDate());
      assertThat(date).isAfterOrEqualTo(LocalDate.parse(goal.setDate()));
      assertThat(date).isBeforeOrEqualTo(LocalDate.of(2021, 12, 31));
      assertThat(Integer.parseInt(f.score())).isBetween(1, 10);
    }
    assertThat(followUps.stream().map(RawFollowUp::followupId).distinct()).hasSameSizeAs(followUps);
  }

  @Test
  void followUpsIncludeUnfollowedGoalsSameDayPairsAndMetAndUnmetGoals() {
    Map<String, List<RawFollowUp>> byGoal =
        followUps.stream().collect(Collectors.groupingBy(RawFollowUp::goalId));
    assertThat(byGoal.values()).allSatisfy(list -> assertThat(list).hasSizeBetween(1, 3));
    long unfollowed = goals.stream().filter(g -> !byGoal.containsKey(g.goalId())).count();
    assertThat(unfollowed).isBetween(goals.size() / 20L, goals.size() / 3L);
    long sameDay =
        byGoal.values().stream()
            .filter(
                list ->
                    list.stream().map(RawFollowUp::followupDate).distinct().count() < list.size())
            .count();
    assertThat(sameDay).isGreaterThan(20);
    int met = 0;
    int unmet = 0;
    for (RawGoal g : goals) {
      List<RawFollowUp> list = byGoal.get(g.goalId());
      if (list != null) {
        RawFollowUp latest = list.get(list.size() - 1);
        if (Integer.parseInt(latest.score()) >= Integer.parseInt(g.targetScore())) {
          met++;
        } else {
          unmet++;
        }
      }
    }
    assertThat(met).isGreaterThan(unmet);
    assertThat(unmet).isGreaterThan((met + unmet) / 10);
  }

  @Test
  void everyThemesAudienceMatchesItsTargetGroupsAudience() {
    for (RawGoal g : goals) {
      String groupAudience = catalogue.targetGroup(g.targetGroup()).orElseThrow().audience();
      String themeAudience = catalogue.lifeTheme(g.lifeTheme()).orElseThrow().audience();
      assertThat(themeAudience).as("theme %s", g.lifeTheme()).isEqualTo(groupAudience);
    }
  }

  @Test
  void everyCprParsesAndGivesAnAgeThatFitsTheAudience() {
    Set<Boolean> dashed = new HashSet<>();
    for (RawGoal g : goals) {
      assertThat(g.cpr()).matches("\\d{6}-?\\d{4}");
      dashed.add(g.cpr().contains("-"));
      Cpr.Parsed parsed = Cpr.parse(g.cpr());
      assertThat(parsed).isInstanceOf(Cpr.Valid.class);
      Cpr cpr = ((Cpr.Valid) parsed).cpr();
      int age = cpr.ageOn(LocalDate.parse(g.setDate()));
      boolean children =
          catalogue.targetGroup(g.targetGroup()).orElseThrow().audience().equals("children");
      if (children) {
        assertThat(age).isBetween(0, 17);
      } else {
        assertThat(age).isBetween(18, 90);
      }
      int yy = Integer.parseInt(digits(g.cpr()).substring(4, 6));
      assertThat(cpr.birthDate().getYear() % 100).isEqualTo(yy);
    }
    assertThat(dashed).containsExactlyInAnyOrder(true, false);
  }

  @Test
  void everyRecordOfFiveHundredCitizensPassesTheIngestValidator() {
    RecordValidator validator =
        new RecordValidator(catalogue, new Pseudonymizer("a-test-key-of-32-characters-long"));
    DemoData data = new DemoData(catalogue, 500, 7);
    List<FieldError> errors = new ArrayList<>();
    long[] counts = new long[3];
    data.orgUnits().forEach(row -> collect(validator.orgUnit(row.number(), row.record()), errors));
    data.goals()
        .forEach(
            row -> {
              counts[1]++;
              collect(validator.goal(row.number(), row.record()), errors);
            });
    data.followUps()
        .forEach(
            row -> {
              counts[2]++;
              collect(validator.followUp(row.number(), row.record()), errors);
            });
    assertThat(errors).isEmpty();
    assertThat(counts[1]).isGreaterThan(500);
    assertThat(counts[2]).isGreaterThan(500);
  }

  private static void collect(Validated<?> validated, List<FieldError> errors) {
    errors.addAll(validated.errors());
  }

  @Test
  void rowsAreNumberedFromOne() {
    List<Row<RawOrgUnit>> rows = new ArrayList<>();
    twoThousand.orgUnits().forEach(rows::add);
    assertThat(rows.get(0).number()).isEqualTo(1);
    assertThat(rows.get(rows.size() - 1).number()).isEqualTo(rows.size());
  }
}
