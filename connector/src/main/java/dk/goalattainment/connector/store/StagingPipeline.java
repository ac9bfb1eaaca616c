package dk.goalattainment.connector.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Stages an ingest's rows through the dialect's {@linkplain SqlDialect#stageWriter stage writers}
 * on one background thread, so that reading and validating the next records overlaps with the
 * database's work on the previous ones (an ingest is otherwise one thread: the parser, the
 * validator and the appender or {@code COPY} take turns).
 *
 * <p>Rows are handed over in batches of {@link #BATCH} per table; at most {@link #IN_FLIGHT}
 * batches wait, so memory stays bounded whatever the input's size. Where the dialect {@linkplain
 * SqlDialect#stagesCsv stages CSV}, a batch is encoded on the caller's thread into one {@link
 * CsvRowBuffer} (ADR 0028): what waits is a few byte arrays rather than an object per row and
 * value, which the garbage collector would otherwise copy from one young generation to the next.
 * The one thread runs the batches in the order they were handed over, so every table receives its
 * rows in input order, and the connection is used by one thread at a time: by the stager until
 * {@link #finish()}, then by the caller. A database failure is reported to the caller by the next
 * {@link #append} or by {@link #finish()}; the rows of the transaction are then discarded by its
 * rollback.
 */
final class StagingPipeline implements AutoCloseable {
  /** Rows per table handed over at once. */
  static final int BATCH = 4_096;

  /**
   * Batches handed over and not yet written, at most: enough for the caller to read on while the
   * stager loads a chunk of staged rows or stores the goals (ADR 0026), few enough to bound memory
   * (about 200 000 rows).
   */
  static final int IN_FLIGHT = 48;

  private final SqlDialect dialect;
  private final Connection connection;
  private final ExecutorService stager =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, "ingest-staging");
            t.setDaemon(true);
            return t;
          });
  private final Semaphore slots = new Semaphore(IN_FLIGHT);
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  /** Only touched by the stager thread until {@link #finish()} has waited for it. */
  private final Map<String, BulkWriter> writers = new HashMap<>();

  private volatile SQLException failure;

  StagingPipeline(SqlDialect dialect, Connection connection) {
    this.dialect = dialect;
    this.connection = connection;
  }

  /**
   * The rows of one table not yet handed over: as objects, or encoded (when the dialect stages
   * CSV).
   */
  private record Pending(
      String table, List<String> columns, List<Object[]> rows, CsvRowBuffer encoded) {
    int size() {
      return encoded != null ? encoded.rows() : rows.size();
    }

    Pending next() {
      return encoded != null
          ? new Pending(table, columns, null, new CsvRowBuffer(encoded.length() + (1 << 12)))
          : new Pending(table, columns, new ArrayList<>(BATCH), null);
    }
  }

  /** Appends a row to {@code table} (values as {@link BulkWriter#append}), eventually. */
  void append(String table, List<String> columns, Object... values) throws SQLException {
    Pending p = pending.get(table);
    if (p == null) {
      p =
          dialect.stagesCsv()
              ? new Pending(table, columns, null, new CsvRowBuffer(1 << 16))
              : new Pending(table, columns, new ArrayList<>(BATCH), null);
      pending.put(table, p);
    }
    if (p.encoded() != null) {
      if (values.length != columns.size()) {
        throw new SQLException(
            "expected " + columns.size() + " values for " + table + ", got " + values.length);
      }
      p.encoded().add(values);
    } else {
      p.rows().add(values);
    }
    if (p.size() >= BATCH) {
      handOver(p);
      pending.put(table, p.next());
    }
  }

  private void handOver(Pending p) throws SQLException {
    submit("writing rows to " + p.table(), () -> write(p));
  }

  /** Work for the stager thread on the connection. */
  interface Task {
    void run() throws SQLException;
  }

  /**
   * Hands over the rows of {@code table} not yet handed over, and has the stager, once it has
   * written them, close that table's writer (its rows are then in the table) and run {@code task}
   * on the connection, while the caller reads on (ADR 0026). A failure of the task is reported as a
   * failed write is; later rows of {@code table} go to a new writer.
   */
  void afterTable(String table, Task task) throws SQLException {
    Pending p = pending.remove(table);
    if (p != null && p.size() > 0) {
      handOver(p);
    }
    submit(
        "storing " + table,
        () -> {
          BulkWriter w = writers.remove(table);
          if (w != null) {
            w.close();
          }
          task.run();
        });
  }

  private void submit(String what, Task work) throws SQLException {
    throwIfFailed();
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while staging rows", e);
    }
    stager.execute(
        () -> {
          try {
            if (failure == null) {
              work.run();
            }
          } catch (SQLException | RuntimeException e) {
            failure = new SQLException(what + ": " + e.getMessage(), e);
          } finally {
            slots.release();
          }
        });
  }

  private void write(Pending p) throws SQLException {
    BulkWriter w = writers.get(p.table());
    if (w == null) {
      w = dialect.stageWriter(connection, p.table(), p.columns());
      writers.put(p.table(), w);
    }
    if (p.encoded() != null) {
      w.appendCsv(p.encoded().bytes(), p.encoded().length(), p.encoded().rows());
      return;
    }
    for (Object[] row : p.rows()) {
      w.append(row);
    }
  }

  private void throwIfFailed() throws SQLException {
    SQLException e = failure;
    if (e != null) {
      throw e;
    }
  }

  /**
   * Hands over what is left, waits until every row is written and the writers are closed, and
   * passes on the first failure. Afterwards the caller may use the connection; the pipeline may
   * take more rows (a later {@code finish()} writes them).
   */
  void finish() throws SQLException {
    for (Pending p : pending.values()) {
      if (p.size() > 0) {
        handOver(p);
      }
    }
    pending.clear();
    Future<?> done =
        stager.submit(
            () -> {
              if (failure == null) {
                closeWriters();
              }
              return null;
            });
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while staging rows", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof SQLException s ? s : new SQLException(cause.getMessage(), cause);
    }
    throwIfFailed();
  }

  private void closeWriters() throws SQLException {
    try {
      for (BulkWriter w : writers.values()) {
        w.close();
      }
    } finally {
      writers.clear();
    }
  }

  /**
   * Stops staging: rows not yet written are dropped, and the stager thread has ended when this
   * returns, so the caller may roll back and close the connection.
   */
  @Override
  public void close() {
    pending.clear();
    if (failure == null) {
      failure = new SQLException("the ingest was abandoned");
    }
    stager.shutdown();
    try {
      while (!stager.awaitTermination(10, TimeUnit.SECONDS)) {
        // a batch still being written to the database: it ends by itself
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (BulkWriter w : writers.values()) {
      try {
        w.discard();
      } catch (SQLException | RuntimeException e) {
        // discarding anyway: the transaction is rolled back
      }
    }
    writers.clear();
  }
}
