package dk.goalattainment.connector.core;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.core.model.Period;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {
  @ParameterizedTest(name = "{0} = {1}..{2}, previous {3}, a year earlier {4}")
  @CsvSource({
    "2018-Q4, 2018-10-01, 2018-12-31, 2018-Q3, 2017-Q4",
    "2019-Q1, 2019-01-01, 2019-03-31, 2018-Q4, 2018-Q1",
    "2018, 2018-01-01, 2018-12-31, 2017, 2017",
    "2018-Q4R4, 2018-01-01, 2018-12-31, 2018-Q3R4, 2017-Q4R4",
    "2019-Q1R4, 2018-04-01, 2019-03-31, 2018-Q4R4, 2018-Q1R4",
    "2020-Q1, 2020-01-01, 2020-03-31, 2019-Q4, 2019-Q1",
  })
  void parsesPeriodsWithTheirBoundsAndComparisons(
      String code, LocalDate start, LocalDate end, String previous, String yearEarlier) {
    Period p = Period.tryParse(code).orElseThrow();

    assertThat(p.code()).isEqualTo(code);
    assertThat(p.start()).isEqualTo(start);
    assertThat(p.end()).isEqualTo(end);
    assertThat(p.previous().code()).isEqualTo(previous);
    assertThat(p.yearEarlier().code()).isEqualTo(yearEarlier);
  }

  @Test
  void leapYearQuarterEndsOnTheLastDayOfMarch() {
    assertThat(Period.tryParse("2020-Q1").orElseThrow().contains(LocalDate.of(2020, 2, 29)))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2019-Q5", "2019Q4", "19", "2019-Q4R0", "2019-13", "x"})
  void rejectsMalformedPeriods(String code) {
    assertThat(Period.tryParse(code)).isEmpty();
  }
}
