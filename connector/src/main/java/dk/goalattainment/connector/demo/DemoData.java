package dk.goalattainment.connector.demo;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordSource;
import dk.goalattainment.connector.core.ingest.Row;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A deterministic synthetic data set shaped like Aarhus Kommune's Socialforvaltningen: an org tree,
 * and for each citizen 1–4 goals with 0–3 follow-ups each, as raw records for the real ingest.
 *
 * <p>The same catalogue, number of citizens and seed always give the same records. Every citizen is
 * generated from its own random stream ({@code seed} mixed with the citizen's index), so records
 * are streamed one citizen at a time in constant memory, every source can be read again, and a
 * smaller set is a prefix of a larger one with the same seed. CPR numbers are synthetic: a real
 * birth date and a century digit that gives the intended birth year; two citizens may by chance
 * share one, as real data can hold one citizen in two target groups.
 */
public final class DemoData {
  /** The number of citizens used when none is given. */
  public static final long DEFAULT_CITIZENS = 10_000;

  /** The seed used when none is given. */
  public static final long DEFAULT_SEED = 20_180_101L;

  /** The first possible set date of a goal. */
  static final LocalDate FIRST_SET_DATE = LocalDate.of(2018, 1, 1);

  /** The last possible set date of a goal. */
  static final LocalDate LAST_SET_DATE = LocalDate.of(2021, 6, 30);

  /** The last day of data: no follow-up is dated later. */
  static final LocalDate LAST_DATA_DATE = LocalDate.of(2021, 12, 31);

  private static final long FIRST_SET = FIRST_SET_DATE.toEpochDay();
  private static final long LAST_SET = LAST_SET_DATE.toEpochDay();
  private static final long LAST_DATA = LAST_DATA_DATE.toEpochDay();

  /** Width of the zero-padded number in goal and follow-up ids. */
  private static final int ID_DIGITS = 9;

  /** Weights of 1, 2, 3 and 4 goals per citizen. */
  private static final int[] GOAL_COUNT = {35, 35, 20, 10};

  /** Weights of 0, 1, 2 and 3 follow-ups per goal. */
  private static final int[] FOLLOWUP_COUNT = {12, 43, 30, 15};

  /** Weights of baseline scores 1..10: people in social services mostly start low to middle. */
  private static final int[] BASELINE = {6, 10, 15, 17, 16, 13, 10, 7, 4, 2};

  /** Weights of a progression goal's step above the baseline: 1, 2 or 3. */
  private static final int[] PROGRESSION_STEP = {35, 40, 25};

  /** Weights of age bands at the first goal: 0–5, 6–12, 13–17. */
  private static final int[] CHILD_AGE_BANDS = {20, 35, 45};

  private static final int[][] CHILD_AGES = {{0, 5}, {6, 12}, {13, 17}};

  /** Weights of age bands at the first goal: 18–29, 30–49, 50–64, 65–90. */
  private static final int[] ADULT_AGE_BANDS = {25, 35, 25, 15};

  private static final int[][] ADULT_AGES = {{18, 29}, {30, 49}, {50, 64}, {65, 90}};

  /** Percentage of goals that carry their goal type explicitly (else it is left to derivation). */
  private static final int EXPLICIT_TYPE_PERCENT = 60;

  /** Percentage of goals without a provider unit. */
  private static final int NO_PROVIDER_PERCENT = 8;

  /** Percentage of later follow-ups dated the same day as the one before. */
  private static final int SAME_DAY_PERCENT = 12;

  /** Percentage of CPR numbers written {@code DDMMYY-SSSS}. */
  private static final int DASHED_CPR_PERCENT = 35;

  /** Measured mean follow-ups per goal (after dropping those past {@link #LAST_DATA_DATE}). */
  private static final double FOLLOWUPS_PER_GOAL = 1.35;

  private static final String[] SCORES = {"", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};

  private static final String PROGRESSION = "progression";
  private static final String MAINTENANCE = "maintenance";
  private static final String LIMITED_DECLINE = "limited_decline";

  /**
   * Known target groups: weight, operating area and goal-type weights (progression, maint., decl).
   */
  private static final Map<String, GroupShape> SHAPES =
      Map.of(
          "boern_unge_udsatte", new GroupShape(35, DemoOrganisation.FBU, new int[] {85, 10, 5}),
          "boern_unge_handicap", new GroupShape(10, DemoOrganisation.FBU, new int[] {65, 25, 10}),
          "voksne_handicap", new GroupShape(20, DemoOrganisation.VH, new int[] {50, 35, 15}),
          "voksne_psykisk", new GroupShape(20, DemoOrganisation.SUV, new int[] {75, 18, 7}),
          "voksne_udsatte", new GroupShape(15, DemoOrganisation.SUV, new int[] {75, 18, 7}));

  private static final int DEFAULT_GROUP_WEIGHT = 5;
  private static final int[] DEFAULT_TYPES = {75, 18, 7};

  private record GroupShape(int weight, String area, int[] typeWeights) {}

  /** A target group as generated: its catalogue code, audience's themes and shape. */
  private record Group(
      String code, boolean children, String area, String[] themes, int[] typeWeights) {}

  private final long citizens;
  private final long seed;
  private final Group[] groups;
  private final int[] groupWeights;

  /**
   * A data set of {@code citizens} citizens (at least 0) drawn from {@code seed}, using the target
   * groups and life themes of {@code catalogue}.
   */
  public DemoData(Catalogue catalogue, long citizens, long seed) {
    Objects.requireNonNull(catalogue, "catalogue");
    if (citizens < 0) {
      throw new IllegalArgumentException("the number of citizens must not be negative");
    }
    this.citizens = citizens;
    this.seed = seed;
    List<Group> list = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    for (Catalogue.TargetGroup g : catalogue.targetGroups()) {
      String[] themes =
          catalogue.lifeThemes().stream()
              .filter(t -> g.audience().equals(t.audience()))
              .map(Catalogue.LifeTheme::code)
              .toArray(String[]::new);
      if (themes.length == 0) {
        throw new IllegalArgumentException(
            "target group " + g.code() + " has no life theme for its audience");
      }
      boolean children = "children".equals(g.audience());
      GroupShape shape = SHAPES.get(g.code());
      if (shape == null) {
        shape =
            new GroupShape(
                DEFAULT_GROUP_WEIGHT,
                children ? DemoOrganisation.FBU : DemoOrganisation.SUV,
                DEFAULT_TYPES);
      }
      list.add(new Group(g.code(), children, shape.area(), themes, shape.typeWeights()));
      weights.add(shape.weight());
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("the catalogue has no target group");
    }
    this.groups = list.toArray(Group[]::new);
    this.groupWeights = weights.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The number of citizens. */
  public long citizens() {
    return citizens;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The org tree, parents before children. */
  public RecordSource<RawOrgUnit> orgUnits() {
    return sink -> {
      long n = 0;
      for (DemoOrganisation.Unit unit : DemoOrganisation.UNITS) {
        sink.accept(new Row<>(++n, unit.raw()));
      }
    };
  }

  /** The goals, citizen by citizen. Holds CPR numbers, as a source system's export would. */
  public RecordSource<RawGoal> goals() {
    return sink -> {
      long[] row = {0};
      walk(goal -> sink.accept(new Row<>(++row[0], goal)), null);
    };
  }

  /** The follow-ups, citizen by citizen, in the order of their goals. */
  public RecordSource<RawFollowUp> followUps() {
    return sink -> {
      long[] row = {0};
      walk(null, followUp -> sink.accept(new Row<>(++row[0], followUp)));
    };
  }

  /** The whole data set as one ingest batch. */
  public IngestBatch batch() {
    return new IngestBatch(orgUnits(), goals(), followUps());
  }

  /** About how many records {@link #batch()} holds, for a progress bar's total. */
  public long estimatedRecords() {
    double goalsPerCitizen = mean(GOAL_COUNT, 1);
    return DemoOrganisation.UNITS.size()
        + Math.round(citizens * goalsPerCitizen * (1 + FOLLOWUPS_PER_GOAL));
  }

  private static double mean(int[] weights, int first) {
    long sum = 0;
    long total = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += (long) weights[i] * (first + i);
      total += weights[i];
    }
    return (double) sum / total;
  }

  /**
   * Generates every citizen in order and hands the goals and follow-ups to the sinks that are not
   * null. The random draws never depend on which sinks are given, so both see the same data.
   */
  private void walk(Consumer<RawGoal> goalSink, Consumer<RawFollowUp> followUpSink) {
    long goalNo = 0;
    long followUpNo = 0;
    long[] setDates = new long[GOAL_COUNT.length];
    int[] themeOrder = new int[0];
    for (long c = 0; c < citizens; c++) {
      SplittableRandom rng = new SplittableRandom(seed ^ mix(c));
      Group group = groups[pick(rng, groupWeights)];
      int goals = 1 + pick(rng, GOAL_COUNT);

      // Set dates: a first plan, further goals on the same day or within half a year.
      long start = FIRST_SET + rng.nextLong(LAST_SET - FIRST_SET + 1);
      long earliest = start;
      long latest = start;
      for (int k = 0; k < goals; k++) {
        long d = start;
        if (k > 0 && rng.nextInt(100) >= 60) {
          d = Math.min(LAST_SET, start + 1 + rng.nextInt(180));
        }
        setDates[k] = d;
        latest = Math.max(latest, d);
      }

      LocalDate birth = birthDate(rng, group.children(), earliest, latest);
      String cpr = cpr(rng, birth, goalSink != null);

      // Distinct themes while the audience has enough of them.
      String[] themes = group.themes();
      if (themeOrder.length < themes.length) {
        themeOrder = new int[themes.length];
      }
      for (int i = 0; i < themes.length; i++) {
        themeOrder[i] = i;
      }

      String authority = DemoOrganisation.authorityOf(group.area());
      for (int k = 0; k < goals; k++) {
        String theme;
        if (k < themes.length) {
          int j = k + rng.nextInt(themes.length - k);
          int t = themeOrder[j];
          themeOrder[j] = themeOrder[k];
          themeOrder[k] = t;
          theme = themes[t];
        } else {
          theme = themes[rng.nextInt(themes.length)];
        }
        long set = setDates[k];
        long due = LocalDate.ofEpochDay(set).plusMonths(6 + rng.nextInt(7)).toEpochDay();

        int baseline = 1 + pick(rng, BASELINE);
        int typeIndex = pick(rng, group.typeWeights());
        int target = target(rng, baseline, typeIndex);
        boolean explicitType = rng.nextInt(100) < EXPLICIT_TYPE_PERCENT;
        String provider =
            rng.nextInt(100) < NO_PROVIDER_PERCENT
                ? null
                : DemoOrganisation.providerOn(group.area(), set, rng);

        String goalId = id('G', ++goalNo);
        if (goalSink != null) {
          goalSink.accept(
              new RawGoal(
                  goalId,
                  cpr,
                  group.code(),
                  theme,
                  explicitType ? typeOf(baseline, target) : "",
                  SCORES[baseline],
                  SCORES[target],
                  date(set),
                  date(due),
                  authority,
                  provider == null ? "" : provider));
        }

        followUpNo = followUps(rng, set, due, baseline, target, goalId, followUpNo, followUpSink);
      }
    }
  }

  /** The target score of a goal of the given type (0 progression, 1 maintenance, 2 decline). */
  private static int target(SplittableRandom rng, int baseline, int typeIndex) {
    if (typeIndex == 0 && baseline < 10) {
      return Math.min(10, baseline + 1 + pick(rng, PROGRESSION_STEP));
    } else if (typeIndex == 2 && baseline > 1) {
      return Math.max(1, baseline - 1 - rng.nextInt(2));
    }
    return baseline;
  }

  /**
   * A goal's follow-ups: around the due date, some interim; scores move from baseline to an
   * outcome. Returns the last follow-up number used.
   */
  private static long followUps(
      SplittableRandom rng,
      long set,
      long due,
      int baseline,
      int target,
      String goalId,
      long followUpNo,
      Consumer<RawFollowUp> followUpSink) {
    int planned = pick(rng, FOLLOWUP_COUNT);
    int outcome = outcome(rng, baseline, target);
    long previous = set;
    for (int j = 0; j < planned; j++) {
      long d;
      if (j == 0) {
        if (planned >= 2 && rng.nextBoolean()) {
          long span = due - set;
          d = set + span / 3 + rng.nextLong(span / 3 + 1);
        } else {
          d = due - 75 + rng.nextInt(106);
        }
      } else if (rng.nextInt(100) < SAME_DAY_PERCENT) {
        d = previous;
      } else {
        d = previous + 45 + rng.nextInt(196);
      }
      d = Math.max(d, set);
      int score = score(rng, baseline, outcome, j, planned);
      if (d > LAST_DATA) {
        break;
      }
      previous = d;
      String followUpId = id('F', ++followUpNo);
      if (followUpSink != null) {
        followUpSink.accept(new RawFollowUp(followUpId, goalId, date(d), SCORES[score]));
      }
    }
    return followUpNo;
  }

  /** The score the goal ends at: often the target, sometimes above, short of it, or lower. */
  private static int outcome(SplittableRandom rng, int baseline, int target) {
    int r = rng.nextInt(100);
    int outcome;
    if (r < 50) {
      outcome = target;
    } else if (r < 65) {
      outcome = target + 1;
    } else if (r < 90) {
      outcome = target > baseline ? baseline + rng.nextInt(target - baseline) : target - 1;
    } else {
      outcome = baseline - 1;
    }
    return clamp(outcome);
  }

  /** The score of follow-up {@code j} of {@code planned}: on the way to the outcome, with noise. */
  private static int score(SplittableRandom rng, int baseline, int outcome, int j, int planned) {
    int s = baseline + Math.round((outcome - baseline) * (j + 1) / (float) planned);
    int noise = rng.nextInt(100);
    if (noise < 8) {
      s--;
    } else if (noise < 16) {
      s++;
    }
    return clamp(s);
  }

  private static int clamp(int score) {
    return Math.max(1, Math.min(10, score));
  }

  private static String typeOf(int baseline, int target) {
    if (target > baseline) {
      return PROGRESSION;
    }
    return target == baseline ? MAINTENANCE : LIMITED_DECLINE;
  }

  /**
   * A birth date giving an age of 0–17 (children) or 18–90 (adults) on every set date between
   * {@code earliest} and {@code latest}.
   */
  private static LocalDate birthDate(
      SplittableRandom rng, boolean children, long earliest, long latest) {
    int[][] bands = children ? CHILD_AGES : ADULT_AGES;
    int[] band = bands[pick(rng, children ? CHILD_AGE_BANDS : ADULT_AGE_BANDS)];
    int age = band[0] + rng.nextInt(band[1] - band[0] + 1);
    LocalDate first = LocalDate.ofEpochDay(earliest);
    LocalDate last = LocalDate.ofEpochDay(latest);
    long birth = first.minusYears(age).minusDays(rng.nextInt(365)).toEpochDay();
    long lo;
    long hi;
    if (children) {
      lo = last.minusYears(18).plusDays(1).toEpochDay();
      hi = earliest;
    } else {
      lo = last.minusYears(91).plusDays(1).toEpochDay();
      hi = first.minusYears(18).toEpochDay();
    }
    return LocalDate.ofEpochDay(Math.max(lo, Math.min(hi, birth)));
  }

  /**
   * A synthetic CPR number for {@code birth}: the 7th digit is one that the century rule maps to
   * the birth year. Draws the same numbers whether or not the text is built.
   */
  private static String cpr(SplittableRandom rng, LocalDate birth, boolean build) {
    int year = birth.getYear();
    int yy = year % 100;
    int[] digits;
    if (year < 2000) {
      digits = yy >= 37 ? new int[] {0, 1, 2, 3, 4, 9} : new int[] {0, 1, 2, 3};
    } else if (yy <= 36) {
      digits = new int[] {4, 5, 6, 7, 8, 9};
    } else {
      digits = new int[] {5, 6, 7, 8};
    }
    int seventh = digits[rng.nextInt(digits.length)];
    int rest = rng.nextInt(1000);
    boolean dashed = rng.nextInt(100) < DASHED_CPR_PERCENT;
    if (!build) {
      return null;
    }
    char[] out = new char[dashed ? 11 : 10];
    int i = 0;
    i = two(out, i, birth.getDayOfMonth());
    i = two(out, i, birth.getMonthValue());
    i = two(out, i, yy);
    if (dashed) {
      out[i++] = '-';
    }
    out[i++] = (char) ('0' + seventh);
    out[i++] = (char) ('0' + rest / 100);
    out[i++] = (char) ('0' + rest / 10 % 10);
    out[i] = (char) ('0' + rest % 10);
    return new String(out);
  }

  private static int two(char[] out, int i, int value) {
    out[i] = (char) ('0' + value / 10);
    out[i + 1] = (char) ('0' + value % 10);
    return i + 2;
  }

  /** An id: the prefix and the number, zero-padded to {@link #ID_DIGITS} digits. */
  static String id(char prefix, long number) {
    String digits = Long.toString(number);
    StringBuilder sb = new StringBuilder(1 + Math.max(ID_DIGITS, digits.length()));
    sb.append(prefix);
    for (int i = digits.length(); i < ID_DIGITS; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }

  /** ISO dates of 2018–2022, the range goals and follow-ups use, built once. */
  private static final class Dates {
    private static final long FIRST = LocalDate.of(2018, 1, 1).toEpochDay();
    private static final String[] TEXT =
        new String[(int) (LocalDate.of(2023, 1, 1).toEpochDay() - FIRST)];

    static {
      for (int i = 0; i < TEXT.length; i++) {
        TEXT[i] = LocalDate.ofEpochDay(FIRST + i).toString();
      }
    }
  }

  private static String date(long epochDay) {
    long i = epochDay - Dates.FIRST;
    return i >= 0 && i < Dates.TEXT.length
        ? Dates.TEXT[(int) i]
        : LocalDate.ofEpochDay(epochDay).toString();
  }

  /** An index drawn with the given weights. */
  private static int pick(SplittableRandom rng, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = rng.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** The SplitMix64 finaliser of the citizen's index, so neighbouring citizens differ widely. */
  static long mix(long index) {
    long z = (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
