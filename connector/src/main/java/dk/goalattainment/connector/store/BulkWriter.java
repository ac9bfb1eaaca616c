package dk.goalattainment.connector.store;

import java.sql.SQLException;

/** Appends rows to one table, fast (an appender, COPY or batched inserts). */
public interface BulkWriter extends AutoCloseable {
  /**
   * One row; values in column order, each a String, Integer, Long, LocalDate, Boolean, Double or
   * null.
   */
  void append(Object... values) throws SQLException;

  /**
   * Rows already encoded as {@link CsvRows} encodes them ({@link CsvRowBuffer}): {@code rows} whole
   * rows in the first {@code length} bytes. Only writers of a dialect that {@linkplain
   * SqlDialect#stagesCsv stages CSV} take them (ADR 0028).
   */
  default void appendCsv(byte[] bytes, int length, int rows) throws SQLException {
    throw new SQLException("this writer takes rows, not encoded CSV");
  }

  /** Writes what is buffered and releases the writer. */
  @Override
  void close() throws SQLException;

  /**
   * Releases the writer when its rows are not wanted (the transaction is being rolled back); by
   * default the same as {@link #close()}.
   */
  default void discard() throws SQLException {
    close();
  }
}
