package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rows encoded straight into bytes are byte for byte what {@link CsvRows} writes as UTF-8. */
class CsvRowBufferTest {
  private static byte[] throughCsvRows(List<Object[]> rows) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      for (Object[] row : rows) {
        CsvRows.write(out, row);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] throughBuffer(List<Object[]> rows, int capacity) throws SQLException {
    CsvRowBuffer buffer = new CsvRowBuffer(capacity);
    for (Object[] row : rows) {
      buffer.add(row);
    }
    assertThat(buffer.rows()).isEqualTo(rows.size());
    return Arrays.copyOf(buffer.bytes(), buffer.length());
  }

  @Test
  void encodesTrickyTextsNumbersAndDatesAsCsvRowsDoes() throws Exception {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1L, "plain", null, LocalDate.of(2020, 2, 29), 7});
    rows.add(new Object[] {2L, "", "\"", "\"\"", "a,b", "line\nbreak", "cr\r\nlf"});
    rows.add(new Object[] {3L, "Ærø Å æøå", "\"Søren\", \"Åse\"", "ÆØÅ\"x\"", "日本", "😀\"😀"});
    rows.add(new Object[] {4L, "\uFEFFbom", "\uD800 lone surrogate", "tail\uDC00"});
    rows.add(new Object[] {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 10L, 999_999_999_999L});
    rows.add(new Object[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -7, 100});
    rows.add(new Object[] {LocalDate.of(5, 1, 9), LocalDate.of(9999, 12, 31)});
    rows.add(new Object[] {LocalDate.of(10_000, 1, 1), LocalDate.of(-1, 6, 15)});
    rows.add(new Object[] {1.5d, -0.0d, true, false, null, null});
    rows.add(new Object[] {});

    assertThat(new String(throughBuffer(rows, 1), StandardCharsets.UTF_8))
        .isEqualTo(new String(throughCsvRows(rows), StandardCharsets.UTF_8));
    assertThat(throughBuffer(rows, 1)).isEqualTo(throughCsvRows(rows));
    assertThat(throughBuffer(rows, 1 << 16)).isEqualTo(throughCsvRows(rows));
  }

  @Test
  void encodesRandomRowsAsCsvRowsDoes() throws Exception {
    Random random = new Random(28);
    String alphabet = "abcXYZ019 ,\"\n\r;æøåÆØÅé€\uD83D\uDE00";
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      rows.add(
          new Object[] {
            random.nextLong(),
            random.nextBoolean() ? text.toString() : null,
            random.nextInt(),
            LocalDate.ofEpochDay(random.nextInt(40_000) - 5_000),
            random.nextInt(11)
          });
    }

    assertThat(throughBuffer(rows, 16)).isEqualTo(throughCsvRows(rows));
  }

  @Test
  void forgetsItsRowsWhenCleared() throws Exception {
    CsvRowBuffer buffer = new CsvRowBuffer(8);
    buffer.add(new Object[] {"first"});
    buffer.clear();
    buffer.add(new Object[] {"second", 2});

    assertThat(buffer.rows()).isEqualTo(1);
    assertThat(new String(buffer.bytes(), 0, buffer.length(), StandardCharsets.UTF_8))
        .isEqualTo("\"second\",2\n");
  }

  @Test
  void refusesAValueItCannotEncode() {
    CsvRowBuffer buffer = new CsvRowBuffer(8);

    assertThatThrownBy(() -> buffer.add(new Object[] {new StringBuilder("x")}))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("StringBuilder");
  }
}
