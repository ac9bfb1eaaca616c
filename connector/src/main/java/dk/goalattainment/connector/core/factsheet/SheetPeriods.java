package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.model.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The periods a fact sheet shows for the period asked for.
 *
 * <ul>
 *   <li>A year ({@code 2021}): the table shows the year and its last quarter side by side; the rest
 *       of the sheet (goal types, unit lists, Resultat) is about the year, compared with the year
 *       before; the charts run over the year's four quarters.
 *   <li>A quarter ({@code 2021-Q3}): the table shows the four quarters ending with it (the rolling
 *       window {@code 2021-Q3R4}) and the quarter side by side; the rest is about the quarter,
 *       compared with the quarter before; the charts run over the same four quarters.
 * </ul>
 *
 * So the left column is always twelve months and the right one the latest quarter in them.
 *
 * @param main the period asked for: what the goal types, unit lists and Resultat are about
 * @param wide the table's left column: the year, or the four quarters ending with the quarter
 * @param narrow the table's right column: the last quarter of {@code wide}
 * @param window the four quarters of {@code wide}, oldest first (the charts' x axis)
 * @param previous the period {@code main} is compared with: the one before of the same kind
 */
public record SheetPeriods(
    Period main, Period wide, Period narrow, List<Period> window, Period previous) {
  public SheetPeriods {
    Objects.requireNonNull(main, "main");
    Objects.requireNonNull(wide, "wide");
    Objects.requireNonNull(narrow, "narrow");
    Objects.requireNonNull(previous, "previous");
    window = List.copyOf(window);
  }

  /**
   * The periods for a year or a quarter.
   *
   * @throws ConnectorException BAD_REQUEST for a rolling window
   */
  public static SheetPeriods of(Period period) {
    return switch (period.kind()) {
      case YEAR -> {
        Period last = Period.quarter(period.year(), 4);
        yield new SheetPeriods(period, period, last, quartersEndingWith(last), period.previous());
      }
      case QUARTER ->
          new SheetPeriods(
              period,
              Period.rolling(period.year(), period.quarter(), 4),
              period,
              quartersEndingWith(period),
              period.previous());
      case ROLLING ->
          throw new ConnectorException(
              ErrorCode.BAD_REQUEST,
              "A fact sheet is for a year (2021) or a quarter (2021-Q4); a quarter's sheet shows"
                  + " the four quarters ending with it by itself.");
    };
  }

  /** The table's two columns, left to right. */
  public List<Period> columns() {
    return List.of(wide, narrow);
  }

  private static List<Period> quartersEndingWith(Period quarter) {
    List<Period> quarters = new ArrayList<>();
    Period q = quarter;
    for (int i = 0; i < 4; i++) {
      quarters.add(0, q);
      q = q.previous();
    }
    return quarters;
  }
}
