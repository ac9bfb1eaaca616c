package dk.goalattainment.connector.core.factsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.model.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fact sheet's rules that need no store: its periods, its Danish formats, its verdicts. */
class FactSheetRulesTest {
  @Test
  void aYearsSheetShowsTheYearAndItsLastQuarterAndIsComparedWithTheYearBefore() {
    SheetPeriods p = SheetPeriods.of(Period.year(2018));

    assertThat(p.columns()).containsExactly(Period.year(2018), Period.quarter(2018, 4));
    assertThat(p.main()).isEqualTo(Period.year(2018));
    assertThat(p.previous()).isEqualTo(Period.year(2017));
    assertThat(p.window())
        .containsExactly(
            Period.quarter(2018, 1),
            Period.quarter(2018, 2),
            Period.quarter(2018, 3),
            Period.quarter(2018, 4));
  }

  @Test
  void aQuartersSheetShowsTheFourQuartersEndingWithItAndTheQuarter() {
    SheetPeriods p = SheetPeriods.of(Period.quarter(2019, 1));

    assertThat(p.columns()).containsExactly(Period.rolling(2019, 1, 4), Period.quarter(2019, 1));
    assertThat(p.main()).isEqualTo(Period.quarter(2019, 1));
    assertThat(p.previous()).isEqualTo(Period.quarter(2018, 4));
    assertThat(p.window())
        .containsExactly(
            Period.quarter(2018, 2),
            Period.quarter(2018, 3),
            Period.quarter(2018, 4),
            Period.quarter(2019, 1));
  }

  @Test
  void aRollingWindowHasNoSheetOfItsOwn() {
    assertThatThrownBy(() -> SheetPeriods.of(Period.rolling(2019, 4, 4)))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("a year (2021) or a quarter (2021-Q4)");
  }

  @Test
  void numbersAndPeriodsAreWrittenTheDanishWay() {
    assertThat(DanishFormat.percent(0.5834)).isEqualTo("58 %");
    assertThat(DanishFormat.percent(0.585)).isEqualTo("59 %");
    assertThat(DanishFormat.percent(1.0)).isEqualTo("100 %");
    assertThat(DanishFormat.percentOneDecimal(0.5834)).isEqualTo("58,3 %");
    assertThat(DanishFormat.percents(0.581, 0.584)).containsExactly("58,1 %", "58,4 %");
    assertThat(DanishFormat.percents(0.55, 0.61)).containsExactly("55 %", "61 %");
    assertThat(DanishFormat.interval(0.551, 0.614)).isEqualTo("55–61 %");
    assertThat(DanishFormat.count(1395)).isEqualTo("1.395");
    assertThat(DanishFormat.count(1234567)).isEqualTo("1.234.567");
    assertThat(DanishFormat.count(7)).isEqualTo("7");
    assertThat(DanishFormat.period(Period.quarter(2018, 4))).isEqualTo("4. kv. 2018");
    assertThat(DanishFormat.period(Period.year(2018))).isEqualTo("2018");
    assertThat(DanishFormat.period(Period.rolling(2018, 4, 4))).isEqualTo("1.–4. kv. 2018");
    assertThat(DanishFormat.period(Period.rolling(2018, 3, 4)))
        .isEqualTo("4. kv. 2017–3. kv. 2018");
    assertThat(DanishFormat.date(LocalDate.of(2021, 12, 31))).isEqualTo("31. december 2021");
    assertThat(DanishFormat.dateTime(Instant.parse("2026-11-27T15:08:00Z")))
        .isEqualTo("27. november 2026 kl. 16.08");
    assertThat(DanishFormat.dateTime(Instant.parse("2026-07-01T10:05:00Z")))
        .isEqualTo("1. juli 2026 kl. 12.05");
  }

  static Optional<Cell> cell(double avg, double low, double high) {
    return Optional.of(Cell.of(100, avg, low, high, false));
  }

  @Test
  void aChangeIsARiseOrAFallOnlyWhenTheIntervalsDoNotOverlap() {
    assertThat(Change.between(cell(0.70, 0.66, 0.74), cell(0.60, 0.56, 0.64)).verdict())
        .isEqualTo(Change.Verdict.UP);
    assertThat(Change.between(cell(0.50, 0.46, 0.54), cell(0.60, 0.56, 0.64)).verdict())
        .isEqualTo(Change.Verdict.DOWN);
    // 4 points apart, but the intervals overlap: uændret
    assertThat(Change.between(cell(0.64, 0.60, 0.68), cell(0.60, 0.56, 0.64)).verdict())
        .isEqualTo(Change.Verdict.UNCHANGED);
    assertThat(
            Change.between(Optional.of(Cell.of(1, 1.0, null, null, true)), cell(0.6, 0.5, 0.7))
                .verdict())
        .isEqualTo(Change.Verdict.NOT_ASSESSABLE);
    assertThat(Change.between(cell(0.6, 0.5, 0.7), Optional.empty()).verdict())
        .isEqualTo(Change.Verdict.NO_COMPARISON);
    assertThat(Change.between(cell(0.6, 0.5, 0.7), Optional.of(Cell.suppressed())).verdict())
        .isEqualTo(Change.Verdict.NO_COMPARISON);
    assertThat(List.of(Change.Verdict.values()).stream().map(Change.Verdict::mark).toList())
        .containsExactly("+", "−", "=", "?", "·");
  }

  @Test
  void aWithheldCellCarriesNoFigure() {
    assertThatThrownBy(() -> new Cell(5L, null, null, null, false, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Cell.suppressed().citizens()).isNull();
  }
}
