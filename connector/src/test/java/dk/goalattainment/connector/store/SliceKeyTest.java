package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.core.engine.CubeLayout;
import dk.goalattainment.connector.core.engine.SliceKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The packed slice key of the incremental refresh (ADR 0021), evaluated by a real database. */
class SliceKeyTest {
  private final CubeLayout layout = CubeLayout.forSizes(9, 40, 12, 3, 1000);
  private final SliceKey key = SliceKey.forPeriods(layout, 45).orElseThrow();

  private long[] eval(String... expressions) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + String.join(", ", expressions))) {
      rs.next();
      long[] values = new long[expressions.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getLong(i + 1);
      }
      return values;
    }
  }

  @Test
  void aKeyGivesBackItsPeriodViewNodeAndCellAtTheLargestValues() throws SQLException {
    long cell = layout.cellMask();
    String k = key.of("45", "1", "1000", Long.toString(cell));

    assertThat(eval(key.pid(k), key.via(k), key.node(k), key.cell(k)))
        .containsExactly(45, 1, 1000, cell);
  }

  @Test
  void keysOfDifferentSlicesDifferAndTheSameSliceInAnotherPeriodKeepsTheRest() throws SQLException {
    long[] v =
        eval(
            key.of("3", "0", "17", "5"),
            key.of("3", "1", "17", "5"),
            key.of("3", "0", "16", "5"),
            key.of("3", "0", "17", "4"),
            key.of("2", "0", "17", "5"),
            key.withPid(key.of("3", "0", "17", "5"), "2"));

    assertThat(java.util.Arrays.stream(v, 0, 5).distinct().count()).isEqualTo(5);
    assertThat(v[5]).isEqualTo(v[4]);
  }

  @Test
  void aLayoutTooWideForOneBigintHasNoKey() {
    CubeLayout wide = new CubeLayout(15, 15, 15, 14, 1);

    assertThat(SliceKey.forPeriods(wide, 45)).isEmpty();
    assertThat(SliceKey.fits(wide, 3)).isFalse();
    assertThat(SliceKey.fits(wide, 2)).as("63 bits exactly").isTrue();
    assertThat(SliceKey.forPeriods(layout, 45)).isPresent();
  }
}
