package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.engine.CubeStep;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/** Runs refresh steps on one connection, timing each stage for the listener. */
final class RefreshSteps implements AutoCloseable {
  private final SqlDialect dialect;
  private final Statement statement;
  private final RefreshListener listener;
  private String stage;
  private long stageStarted;
  private long lastRows = -1;
  private final java.util.Set<String> scratch = new java.util.LinkedHashSet<>();

  /**
   * While set, tables are created with their columns and no rows, and stages are not reported (a
   * full refresh computed elsewhere: ADR 0027); the engine and dataset tables created are listed.
   */
  private boolean shapesOnly;

  private final java.util.Map<String, CubeStep.TableKind> shaped = new java.util.LinkedHashMap<>();

  /** Hears of each engine and dataset table once it is written (ADR 0027: to copy it on). */
  private java.util.function.Consumer<String> written = table -> {};

  /** Tells {@code written} of each engine and dataset table once it is written. */
  void onWritten(java.util.function.Consumer<String> written) {
    this.written = written;
  }

  RefreshSteps(SqlDialect dialect, Connection connection, RefreshListener listener)
      throws SQLException {
    this.dialect = dialect;
    this.statement = connection.createStatement();
    this.listener = listener;
  }

  Statement statement() {
    return statement;
  }

  /**
   * From now on, tables are created empty ({@link SqlDialect#createEmptyTableAs}), their statistics
   * left for later and the stages not reported, until {@link #shapesDone()}.
   */
  void shapesOnly() {
    shapesOnly = true;
  }

  /**
   * Ends {@link #shapesOnly()}: answers the engine and dataset tables created empty since, with
   * their kinds, in the order they were created.
   */
  java.util.Map<String, CubeStep.TableKind> shapesDone() {
    shapesOnly = false;
    java.util.Map<String, CubeStep.TableKind> tables = new java.util.LinkedHashMap<>(shaped);
    shaped.clear();
    return tables;
  }

  /** Starts a stage (ends the one before). */
  void stage(String name) {
    if (shapesOnly || name.equals(stage)) {
      return;
    }
    end();
    stage = name;
    stageStarted = System.nanoTime();
    lastRows = -1;
    listener.started(name);
  }

  /** Ends the current stage, if any. */
  void end() {
    if (stage != null) {
      listener.finished(stage, lastRows, Duration.ofNanos(System.nanoTime() - stageStarted));
      stage = null;
    }
  }

  void run(List<CubeStep> steps) throws SQLException {
    for (CubeStep step : steps) {
      run(step);
    }
  }

  /** Per statement timings on stderr, for profiling ({@code -Dconnector.refresh.trace=true}). */
  private static final boolean TRACE = Boolean.getBoolean("connector.refresh.trace");

  /** Runs a step; a step that creates a table drops any old one first and counts its rows. */
  long run(CubeStep step) throws SQLException {
    long t0 = System.nanoTime();
    long rows = runStep(step);
    if (TRACE) {
      System.err.printf(
          "  trace %-22s %-18s %,12d rows %8.3f s%n",
          step.stage(),
          step.table() == null
              ? step.sql().substring(0, Math.min(18, step.sql().length()))
              : step.table(),
          rows,
          (System.nanoTime() - t0) / 1e9);
    }
    return rows;
  }

  private long runStep(CubeStep step) throws SQLException {
    stage(step.stage());
    if (step.table() == null) {
      statement.execute(step.sql());
      return -1;
    }
    statement.execute("DROP TABLE IF EXISTS " + step.table());
    for (String sql : dialect.beforeCreate(step.table(), step.kind())) {
      statement.execute(sql);
    }
    if (TRACE && step.table().equals(System.getProperty("connector.refresh.explain"))) {
      try (ResultSet rs = statement.executeQuery("EXPLAIN ANALYZE " + step.sql())) {
        while (rs.next()) {
          System.err.println(rs.getString(rs.getMetaData().getColumnCount()));
        }
      }
    }
    if (shapesOnly) {
      statement.execute(dialect.createEmptyTableAs(step.table(), step.kind(), step.sql()));
    } else {
      statement.execute(dialect.createTableAs(step.table(), step.kind(), step.sql()));
    }
    long created = dialect.reportsCreatedRows() ? statement.getLargeUpdateCount() : -1;
    if (step.kind() == CubeStep.TableKind.TEMPORARY) {
      scratch(step.table());
    } else if (shapesOnly) {
      shaped.put(step.table(), step.kind());
    }
    for (String sql : dialect.afterCreate(step.table(), step.kind())) {
      statement.execute(sql);
    }
    if (shapesOnly) {
      return 0;
    }
    String analyze = dialect.analyze(step.table(), step.kind());
    if (analyze != null) {
      statement.execute(analyze);
    }
    lastRows = created >= 0 ? created : count(step.table());
    if (step.kind() != CubeStep.TableKind.TEMPORARY) {
      written.accept(step.table());
    }
    return lastRows;
  }

  /** Notes a scratch table of this refresh, to be dropped by {@link #dropScratch()}. */
  void scratch(String table) {
    scratch.add(table);
  }

  /**
   * Drops the refresh's scratch tables, in its transaction: on PostgreSQL they are unlogged tables
   * of the schema (so that the planner may read them in parallel, which it never does for temporary
   * tables), created and dropped before the commit, so no other session ever sees them.
   */
  void dropScratch() throws SQLException {
    for (String table : scratch) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    }
    scratch.clear();
  }

  void execute(String sql) throws SQLException {
    statement.execute(sql);
  }

  long count(String table) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Notes the rows of a table written outside {@link #run(CubeStep)}. */
  void rows(long rows) {
    lastRows = rows;
  }

  @Override
  public void close() throws SQLException {
    end();
    statement.close();
  }
}
