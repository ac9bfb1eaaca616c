package dk.goalattainment.connector.core.ingest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The dates the connector accepts and can place in a period: from {@code earliest} to today plus
 * {@code yearsAhead} years, and a goal's {@code due_date} at most {@code maxGoalYears} after its
 * {@code set_date}. The ingest refuses records outside it; the refresh stops, naming them, if the
 * store holds such records from before this check.
 *
 * @param earliest the first accepted date (not before 1900-01-01, the first period)
 * @param yearsAhead how far after today a date may lie
 * @param maxGoalYears how many years a goal's due date may lie after its set date
 * @param clock the clock that gives today
 */
public record DateWindow(LocalDate earliest, int yearsAhead, int maxGoalYears, Clock clock) {
  /** The first day a period can hold. */
  public static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);

  /** The last day a period can hold. */
  public static final LocalDate LAST_DAY = LocalDate.of(2999, 12, 31);

  public DateWindow {
    Objects.requireNonNull(earliest, "earliest");
    Objects.requireNonNull(clock, "clock");
    if (earliest.isBefore(FIRST_DAY)) {
      throw new IllegalArgumentException("the earliest date must not be before " + FIRST_DAY);
    }
    if (yearsAhead < 0 || yearsAhead > 100) {
      throw new IllegalArgumentException("years ahead must be 0-100");
    }
    if (maxGoalYears < 1 || maxGoalYears > 100) {
      throw new IllegalArgumentException("a goal's years until its due date must be 1-100");
    }
    if (!earliest.isBefore(LocalDate.now(clock))) {
      throw new IllegalArgumentException("the earliest date must lie before today");
    }
  }

  /** 1900-01-01 to today + 5 years; a due date at most 5 years after the set date. */
  public static DateWindow defaults() {
    return new DateWindow(FIRST_DAY, 5, 5, Clock.systemDefaultZone());
  }

  /** The last accepted date: today plus {@link #yearsAhead} years. */
  public LocalDate latest() {
    LocalDate latest = LocalDate.now(clock).plusYears(yearsAhead);
    return latest.isAfter(LAST_DAY) ? LAST_DAY : latest;
  }

  /** Whether a date lies in the window. */
  public boolean contains(LocalDate date) {
    return contains(date, latest());
  }

  /**
   * Whether a date lies in the window whose last day is {@code latest}, as {@link #latest()} gave
   * it a moment ago (for a caller that checks many dates and asks the clock once).
   */
  public boolean contains(LocalDate date, LocalDate latest) {
    return !date.isBefore(earliest) && !date.isAfter(latest);
  }

  /** The rule a date outside the window breaks, worded without the date. */
  public String rule() {
    return "must lie between " + earliest + " and " + latest() + " (the plausible dates)";
  }
}
