package dk.goalattainment.connector.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows encoded as {@link CsvRows} encodes them, straight into UTF-8 bytes (ADR 0028): the same
 * bytes as {@link CsvRows#write} through a UTF-8 writer, without a {@code String} per number or
 * date and without a character encoder's buffers. An ingest encodes its staged rows here on the
 * reading thread and hands whole buffers to the staging thread, so what waits between the two is a
 * few large byte arrays instead of millions of small objects.
 */
public final class CsvRowBuffer {
  private byte[] bytes;
  private int length;
  private int rows;

  /** An empty buffer of {@code capacity} bytes to begin with (it grows as needed). */
  public CsvRowBuffer(int capacity) {
    this.bytes = new byte[Math.max(capacity, 64)];
  }

  /** The encoded bytes; only the first {@link #length()} are rows. */
  public byte[] bytes() {
    return bytes;
  }

  /** Bytes of encoded rows. */
  public int length() {
    return length;
  }

  /** Rows encoded. */
  public int rows() {
    return rows;
  }

  /** Forgets the encoded rows, keeping the memory. */
  public void clear() {
    length = 0;
    rows = 0;
  }

  /** Encodes one row (values as {@link BulkWriter#append}). */
  public void add(Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        put((byte) ',');
      }
      value(values[i]);
    }
    put((byte) '\n');
    rows++;
  }

  private void value(Object v) throws SQLException {
    if (v == null) {
      return;
    }
    if (v instanceof String s) {
      text(s);
    } else if (v instanceof Long l) {
      number(l);
    } else if (v instanceof Integer n) {
      number(n);
    } else if (v instanceof LocalDate d) {
      date(d);
    } else if (v instanceof Double || v instanceof Boolean) {
      ascii(v.toString());
    } else {
      throw new SQLException("unsupported value type " + v.getClass().getSimpleName());
    }
  }

  /**
   * A quoted text, {@code "} doubled, as UTF-8 (the JDK's encoder: for a text of Latin-1 characters
   * without one beyond ASCII it is a plain copy).
   */
  private void text(String s) {
    if (s.indexOf('"') >= 0) {
      s = s.replace("\"", "\"\"");
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    ensure(utf8.length + 2);
    bytes[length++] = '"';
    System.arraycopy(utf8, 0, bytes, length, utf8.length);
    length += utf8.length;
    bytes[length++] = '"';
  }

  private void number(long v) {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    ensure(20);
    if (v < 0) {
      bytes[length++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    int end = length + digits;
    for (int at = end - 1; at >= length; at--) {
      bytes[at] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length = end;
  }

  /** ISO {@code YYYY-MM-DD} as {@link LocalDate#toString()} writes it for years 0–9999. */
  private void date(LocalDate d) {
    int year = d.getYear();
    if (year < 0 || year > 9999) {
      ascii(d.toString());
      return;
    }
    ensure(10);
    byte[] b = bytes;
    int at = length;
    b[at] = (byte) ('0' + year / 1000);
    b[at + 1] = (byte) ('0' + year / 100 % 10);
    b[at + 2] = (byte) ('0' + year / 10 % 10);
    b[at + 3] = (byte) ('0' + year % 10);
    b[at + 4] = '-';
    b[at + 5] = (byte) ('0' + d.getMonthValue() / 10);
    b[at + 6] = (byte) ('0' + d.getMonthValue() % 10);
    b[at + 7] = '-';
    b[at + 8] = (byte) ('0' + d.getDayOfMonth() / 10);
    b[at + 9] = (byte) ('0' + d.getDayOfMonth() % 10);
    length = at + 10;
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
  }

  private void put(byte b) {
    ensure(1);
    bytes[length++] = b;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
