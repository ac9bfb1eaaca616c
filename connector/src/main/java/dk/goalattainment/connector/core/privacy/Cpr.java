package dk.goalattainment.connector.core.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;

/**
 * A Danish CPR number, checked for form and birth date. The modulus-11 check is deliberately not
 * required: numbers without it have been issued since 2007. {@link #toString()} never shows the
 * number.
 */
public final class Cpr {
  private final String digits;
  private final LocalDate birthDate;

  private Cpr(String digits, LocalDate birthDate) {
    this.digits = digits;
    this.birthDate = birthDate;
  }

  /** The outcome of parsing: a CPR number or the rule it broke (never the value). */
  public sealed interface Parsed permits Valid, Invalid {}

  /** A valid number. */
  public record Valid(Cpr cpr) implements Parsed {}

  /** The rule broken, worded without the value. */
  public record Invalid(String rule) implements Parsed {}

  /**
   * Parses {@code DDMMYYSSSS} or {@code DDMMYY-SSSS} (surrounding blanks ignored). The 7th digit
   * gives the century: 0–3 → 1900s; 4 and 9 → 2000s if YY ≤ 36 else 1900s; 5–8 → 2000s if YY ≤ 57
   * else 1800s.
   */
  public static Parsed parse(String text) {
    if (text == null || text.isBlank()) {
      return new Invalid("is required");
    }
    String s = text.strip();
    String digits;
    if (s.length() == 10 && allDigits(s, 0, 10)) {
      digits = s;
    } else if (s.length() == 11
        && s.charAt(6) == '-'
        && allDigits(s, 0, 6)
        && allDigits(s, 7, 11)) {
      digits = s.substring(0, 6) + s.substring(7);
    } else {
      return new Invalid("must be 10 digits, optionally written DDMMYY-SSSS");
    }
    int day = twoDigits(digits, 0);
    int month = twoDigits(digits, 2);
    int yy = twoDigits(digits, 4);
    int centuryDigit = digits.charAt(6) - '0';
    int year = centuryOf(centuryDigit, yy) + yy;
    try {
      return new Valid(new Cpr(digits, LocalDate.of(year, month, day)));
    } catch (DateTimeException e) {
      return new Invalid("the first six digits must be a real date (DDMMYY)");
    }
  }

  static int centuryOf(int centuryDigit, int yy) {
    if (centuryDigit <= 3) {
      return 1900;
    }
    if (centuryDigit == 4 || centuryDigit == 9) {
      return yy <= 36 ? 2000 : 1900;
    }
    return yy <= 57 ? 2000 : 1800;
  }

  /** The number written by the two ASCII digits at {@code at} (checked to be digits). */
  private static int twoDigits(String digits, int at) {
    return (digits.charAt(at) - '0') * 10 + (digits.charAt(at + 1) - '0');
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The ten digits, for the pseudonymiser only. */
  String digits() {
    return digits;
  }

  public LocalDate birthDate() {
    return birthDate;
  }

  /** Age in whole years on a day; negative if the day is before the birth date. */
  public int ageOn(LocalDate day) {
    if (day.isBefore(birthDate)) {
      return -1;
    }
    return Period.between(birthDate, day).getYears();
  }

  @Override
  public String toString() {
    return "Cpr[hidden]";
  }
}
