package dk.goalattainment.connector.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.disclosure.Equations.BigRow;
import dk.goalattainment.connector.core.disclosure.Equations.LongRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The elimination behind the audit: fast {@code long} rows and exact {@code BigInteger} rows. */
class DisclosureEliminationTest {
  private static String text(BigRow r) {
    return Arrays.toString(r.cols) + Arrays.toString(r.a) + Arrays.toString(r.rhs);
  }

  private static List<LongRow> randomRows(Random rnd, int vars, int rows) {
    List<LongRow> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      TreeMap<Integer, Long> coef = new TreeMap<>();
      int n = 2 + rnd.nextInt(4);
      for (int j = 0; j < n; j++) {
        coef.put(rnd.nextInt(vars), rnd.nextBoolean() ? 1L : -1L);
      }
      out.add(LongRow.of(coef, new long[] {rnd.nextInt(50), rnd.nextInt(20)}));
    }
    return out;
  }

  @Test
  void longAndExactRowsReduceToTheSameEchelonForm() {
    Random rnd = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<LongRow> rows = randomRows(rnd, 12, 4 + rnd.nextInt(12));

      List<String> viaLong =
          Equations.reduce(rows).stream()
              .map(LongRow::toBig)
              .map(DisclosureEliminationTest::text)
              .toList();
      List<String> viaBig =
          Equations.reduce(rows.stream().map(LongRow::toBig).toList()).stream()
              .map(DisclosureEliminationTest::text)
              .toList();

      assertThat(viaLong).isEqualTo(viaBig);
    }
  }

  @Test
  void aLongOverflowIsDetectedAndTheExactRowsCarryOn() {
    long big = 3_000_000_000L;
    TreeMap<Integer, Long> first = new TreeMap<>();
    first.put(0, big);
    first.put(1, 1L);
    TreeMap<Integer, Long> second = new TreeMap<>();
    second.put(0, big + 1);
    second.put(1, big);
    List<LongRow> rows =
        List.of(LongRow.of(first, new long[] {big}), LongRow.of(second, new long[] {big}));

    assertThatThrownBy(() -> Equations.reduce(rows)).isInstanceOf(ArithmeticException.class);
    List<BigRow> exact = Equations.reduce(rows.stream().map(LongRow::toBig).toList());

    // b·x0 + x1 = b and (b+1)·x0 + b·x1 = b: x0 = (b² − b)/d, x1 = −b/d with d = b² − b − 1.
    BigInteger b = BigInteger.valueOf(big);
    BigInteger d = b.multiply(b).subtract(b).subtract(BigInteger.ONE);
    assertThat(exact).hasSize(2).allSatisfy(r -> assertThat(r.cols).hasSize(1));
    for (BigRow r : exact) {
      BigInteger expected = r.cols[0] == 0 ? b.multiply(b).subtract(b) : b.negate();
      assertThat(r.rhs[0].multiply(d)).isEqualTo(r.a[0].multiply(expected));
    }
  }
}
