package dk.goalattainment.connector.store.postgres;

import dk.goalattainment.connector.store.BulkWriter;
import dk.goalattainment.connector.store.CsvRows;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A {@link BulkWriter} over PostgreSQL's {@code COPY table (columns) FROM STDIN (FORMAT csv)}.
 *
 * <p>Rows are encoded as CSV into a buffer that is sent as one {@code COPY} whenever it holds
 * {@link #FLUSH_BYTES} and at {@link #close()}. A COPY in progress would block its connection, and
 * an ingest writes to several stage tables in turn on one connection, so no COPY stays open between
 * calls. All COPYs run in the connection's current transaction.
 *
 * <p>Encoding: {@link CsvRows}.
 */
final class CopyWriter implements BulkWriter {
  /** Bytes of CSV sent per COPY. */
  static final int FLUSH_BYTES = 4 << 20;

  private final CopyManager copy;
  private final String sql;
  private final int columnCount;
  private final Buffer buffer = new Buffer(64 << 10);
  private final Writer out = new OutputStreamWriter(buffer, StandardCharsets.UTF_8);

  CopyWriter(Connection connection, String table, List<String> columns) throws SQLException {
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    this.sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)";
    this.columnCount = columns.size();
  }

  @Override
  public void append(Object... values) throws SQLException {
    if (values.length != columnCount) {
      throw new SQLException(
          "expected " + columnCount + " values for " + sql + ", got " + values.length);
    }
    try {
      CsvRows.write(out, values);
      if (buffer.size() >= FLUSH_BYTES) {
        flush();
      }
    } catch (IOException e) {
      throw new SQLException("encoding a row for COPY failed", e);
    }
  }

  /** Rows encoded as {@link CsvRows} encodes them (ADR 0028), sent with the next COPY. */
  @Override
  public void appendCsv(byte[] bytes, int length, int rows) throws SQLException {
    try {
      out.flush();
      buffer.write(bytes, 0, length);
      if (buffer.size() >= FLUSH_BYTES) {
        flush();
      }
    } catch (IOException e) {
      throw new SQLException("sending rows by COPY failed", e);
    }
  }

  private void flush() throws IOException, SQLException {
    out.flush();
    if (buffer.size() == 0) {
      return;
    }
    copy.copyIn(sql, buffer.asInput());
    buffer.reset();
  }

  /** A byte buffer read back in place, without the copy that {@code toByteArray()} makes. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    InputStream asInput() {
      return new ByteArrayInputStream(buf, 0, count);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      flush();
    } catch (IOException e) {
      throw new SQLException("sending rows by COPY failed", e);
    }
  }
}
