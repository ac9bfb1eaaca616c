package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.model.Period;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Danish number, period and date formats of the fact sheet: {@code 58 %}, {@code 1.395}, {@code 4.
 * kv. 2018}, {@code 27. november 2026 kl. 15.08}. Shares are rounded to whole percent, half up
 * ({@code Math.round(share * 100)}); only where two rounded shares are compared and would look
 * equal is one decimal shown.
 */
public final class DanishFormat {
  /** Danish. */
  public static final Locale DA = Locale.forLanguageTag("da-DK");

  /** The zone the sheet's times are shown in. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", DA);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("'kl.' HH.mm", DA);

  private DanishFormat() {}

  /** A share as whole percent: {@code 0.5834} → {@code 58 %}. */
  public static String percent(double share) {
    return Math.round(share * 100) + " %";
  }

  /** A share with one decimal: {@code 0.5834} → {@code 58,3 %}. */
  public static String percentOneDecimal(double share) {
    long tenths = Math.round(share * 1000);
    return (tenths / 10) + "," + Math.abs(tenths % 10) + " %";
  }

  /**
   * Two shares to be compared, in whole percent unless they would then read the same (then one
   * decimal each).
   */
  public static String[] percents(double a, double b) {
    if (Math.round(a * 100) != Math.round(b * 100)) {
      return new String[] {percent(a), percent(b)};
    }
    return new String[] {percentOneDecimal(a), percentOneDecimal(b)};
  }

  /** An interval of shares in whole percent: {@code 55–61 %}. */
  public static String interval(double low, double high) {
    return Math.round(low * 100) + "–" + Math.round(high * 100) + " %";
  }

  /** A count with Danish grouping: {@code 1.395}. */
  public static String count(long n) {
    return NumberFormat.getIntegerInstance(DA).format(n);
  }

  /**
   * A period: {@code 2018}, {@code 4. kv. 2018}, four quarters {@code 1.–4. kv. 2018} or {@code 4.
   * kv. 2017–3. kv. 2018}.
   */
  public static String period(Period p) {
    return switch (p.kind()) {
      case YEAR -> Integer.toString(p.year());
      case QUARTER -> quarter(p.year(), p.quarter());
      case ROLLING -> {
        Period first = Period.quarterOf(p.start());
        if (first.year() == p.year()) {
          yield first.quarter() + ".–" + quarter(p.year(), p.quarter());
        }
        yield quarter(first.year(), first.quarter()) + "–" + quarter(p.year(), p.quarter());
      }
    };
  }

  private static String quarter(int year, int quarter) {
    return quarter + ". kv. " + year;
  }

  /** A day: {@code 31. december 2021}. */
  public static String date(LocalDate day) {
    return DATE.format(day);
  }

  /** A moment in Danish time: {@code 27. november 2026 kl. 15.08}. */
  public static String dateTime(Instant moment) {
    var local = moment.atZone(ZONE);
    return DATE.format(local) + " " + TIME.format(local);
  }
}
