package dk.goalattainment.connector.core.model;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a calendar quarter ({@code 2018-Q4}), a calendar year ({@code 2018}) or a
 * rolling window of quarters ending with a quarter ({@code 2018-Q4R4} = 2018-Q1..2018-Q4). A
 * follow-up belongs to the period that holds its date.
 *
 * @param quarter 1–4 for quarters and rolling windows, 0 for years
 * @param window number of quarters in a rolling window, 0 otherwise
 */
public record Period(Kind kind, int year, int quarter, int window) implements Comparable<Period> {
  private static final Pattern FORMAT =
      Pattern.compile("(\\d{4})(?:-Q([1-4])(?:R([1-9]|1[0-9]|20))?)?");

  /** The kinds of period. */
  public enum Kind {
    QUARTER,
    YEAR,
    ROLLING
  }

  public Period {
    Objects.requireNonNull(kind, "kind");
    if (year < 1900 || year > 2999) {
      throw new IllegalArgumentException("year out of range");
    }
    switch (kind) {
      case YEAR -> {
        if (quarter != 0 || window != 0) {
          throw new IllegalArgumentException("a year has no quarter or window");
        }
      }
      case QUARTER -> {
        if (quarter < 1 || quarter > 4 || window != 0) {
          throw new IllegalArgumentException("a quarter is 1-4 with no window");
        }
      }
      case ROLLING -> {
        if (quarter < 1 || quarter > 4 || window < 1) {
          throw new IllegalArgumentException("a rolling window ends with a quarter 1-4");
        }
      }
    }
  }

  public static Period year(int year) {
    return new Period(Kind.YEAR, year, 0, 0);
  }

  public static Period quarter(int year, int quarter) {
    return new Period(Kind.QUARTER, year, quarter, 0);
  }

  public static Period rolling(int year, int quarter, int window) {
    return new Period(Kind.ROLLING, year, quarter, window);
  }

  /** Parses {@code 2019}, {@code 2019-Q4} or {@code 2019-Q4R4}; empty if the text is none. */
  public static Optional<Period> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    int year = Integer.parseInt(m.group(1));
    if (year < 1900) {
      return Optional.empty();
    }
    if (m.group(2) == null) {
      return Optional.of(year(year));
    }
    int quarter = Integer.parseInt(m.group(2));
    if (m.group(3) == null) {
      return Optional.of(quarter(year, quarter));
    }
    return Optional.of(rolling(year, quarter, Integer.parseInt(m.group(3))));
  }

  /** The calendar quarter that holds a day. */
  public static Period quarterOf(LocalDate day) {
    return quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  /** The canonical code, the same text that {@link #tryParse} reads. */
  public String code() {
    return switch (kind) {
      case YEAR -> Integer.toString(year);
      case QUARTER -> year + "-Q" + quarter;
      case ROLLING -> year + "-Q" + quarter + "R" + window;
    };
  }

  /** First day of the period. */
  public LocalDate start() {
    return switch (kind) {
      case YEAR -> LocalDate.of(year, 1, 1);
      case QUARTER -> LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
      case ROLLING -> LocalDate.of(year, (quarter - 1) * 3 + 1, 1).minusMonths(3L * (window - 1));
    };
  }

  /** Last day of the period (inclusive). */
  public LocalDate end() {
    return switch (kind) {
      case YEAR -> LocalDate.of(year, 12, 31);
      case QUARTER, ROLLING -> LocalDate.of(year, quarter * 3, 1).plusMonths(1).minusDays(1);
    };
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(start()) && !day.isAfter(end());
  }

  /**
   * The previous period of the same kind: the quarter before, the year before, the rolling window
   * ending a quarter earlier.
   */
  public Period previous() {
    return switch (kind) {
      case YEAR -> year(year - 1);
      case QUARTER -> quarter == 1 ? quarter(year - 1, 4) : quarter(year, quarter - 1);
      case ROLLING ->
          quarter == 1 ? rolling(year - 1, 4, window) : rolling(year, quarter - 1, window);
    };
  }

  /** The same period a year earlier. */
  public Period yearEarlier() {
    return new Period(kind, year - 1, quarter, window);
  }

  @Override
  public int compareTo(Period other) {
    int byEnd = end().compareTo(other.end());
    return byEnd != 0 ? byEnd : start().compareTo(other.start());
  }

  @Override
  public String toString() {
    return code();
  }
}
