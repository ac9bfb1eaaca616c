package dk.goalattainment.connector.store.postgres;

import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.schema.StoreSchema;
import dk.goalattainment.connector.store.FullRefresh;
import dk.goalattainment.connector.store.FullRefreshRoute;
import dk.goalattainment.connector.store.RefreshListener;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import dk.goalattainment.connector.store.duckdb.DuckDbSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's full refresh computed in an embedded DuckDB (ADR 0027): the refresh's inputs are
 * copied out of PostgreSQL ({@code COPY … TO STDOUT}, CSV) into a scratch DuckDB file in the
 * configured temporary directory (with the DuckDB store's memory limit), the same full refresh runs
 * there with DuckDB's statements ({@link FullRefresh#compute}), and the tables it produced are
 * copied into the tables PostgreSQL's own statements created empty ({@code COPY … FROM STDIN
 * FREEZE}), in the refresh's one transaction. The scratch directory is removed when done, also on
 * failure.
 *
 * <p>Fidelity: both directions are CSV with explicit column lists into tables of known types (no
 * type sniffing). NULL is an unquoted empty field and the empty string a quoted one ({@code ""}) in
 * both databases (DuckDB reads with {@code allow_quoted_nulls = false}); text is quoted where it
 * holds commas, quotes or line breaks, in UTF-8; dates are ISO; doubles are written in their
 * shortest exact decimal form and read back to the same bits; integers and booleans as literals.
 */
final class DuckDbRefreshRoute implements FullRefreshRoute {
  /** The tables a full refresh reads. */
  static final List<String> INPUTS =
      List.of("org_unit", "org_closure", "catalogue_label", "goal", "followup");

  private final DuckDbSettings settings;

  DuckDbRefreshRoute(DuckDbSettings settings) {
    this.settings = settings;
  }

  @Override
  public Computed compute(
      Connection store, Definitions definitions, LocalDate asOf, RefreshListener listener)
      throws SQLException {
    Path dir = scratchDirectory();
    Scratch scratch = new Scratch(dir);
    try {
      CopyManager copy = store.unwrap(PGConnection.class).getCopyAPI();
      Stage out = Stage.start("copy out", listener);
      long rows = 0;
      for (String table : INPUTS) {
        try (OutputStream o = Files.newOutputStream(dir.resolve(table + ".csv"))) {
          rows +=
              copy.copyOut("COPY " + table + " (" + columns(table) + ") TO STDOUT (FORMAT csv)", o);
        } catch (IOException | SQLException e) {
          throw out.failed(e);
        }
      }
      out.done(rows);
      Stage load = Stage.start("load into DuckDB", listener);
      try {
        scratch.open(settings);
        for (String ddl : scratch.duck.schemaStatements()) {
          scratch.statement.execute(ddl);
        }
        for (String table : INPUTS) {
          Path file = dir.resolve(table + ".csv");
          scratch.statement.execute(
              "COPY "
                  + table
                  + " ("
                  + columns(table)
                  + ") FROM "
                  + literal(file)
                  + " (FORMAT csv, HEADER false, AUTO_DETECT false, ALLOW_QUOTED_NULLS false)");
          Files.delete(file);
        }
      } catch (IOException | SQLException e) {
        throw load.failed(e);
      }
      load.done(rows);
      try {
        scratch.rows =
            FullRefresh.compute(scratch.duck, scratch.connection, definitions, asOf, listener);
      } catch (SQLException e) {
        throw Stage.start("computing in DuckDB", RefreshListener.NONE).failed(e);
      }
      return scratch;
    } catch (SQLException | RuntimeException e) {
      scratch.close();
      throw e;
    }
  }

  /** A private directory for the scratch database and the files of the transfer. */
  private Path scratchDirectory() {
    Path base =
        settings.tempDirectory() != null
            ? settings.tempDirectory()
            : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      Files.createDirectories(base);
      return Files.createTempDirectory(base, "connector-refresh-");
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.STORE_FAILURE,
          "The refresh could not create its scratch directory in " + base + ": " + e.getMessage(),
          e);
    }
  }

  /** The store's columns of an input table, in the schema's order. */
  private static String columns(String table) {
    return StoreSchema.TABLES.stream()
        .filter(t -> t.name().equals(table))
        .findFirst()
        .orElseThrow()
        .columns()
        .stream()
        .map(StoreSchema.Column::name)
        .reduce((a, b) -> a + ", " + b)
        .orElseThrow();
  }

  private static String literal(Path file) {
    return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** The scratch DuckDB and its directory: the computed tables until closed. */
  private static final class Scratch implements Computed {
    private final Path dir;
    private DuckDbDialect duck;
    private Connection connection;
    private Statement statement;
    private Map<String, Long> rows;

    Scratch(Path dir) {
      this.dir = dir;
    }

    void open(DuckDbSettings settings) throws SQLException {
      duck = new DuckDbDialect(dir.resolve("refresh.duckdb"), settings);
      connection = duck.connect();
      connection.setAutoCommit(false);
      statement = connection.createStatement();
    }

    @Override
    public Map<String, Long> rows() {
      return rows;
    }

    /**
     * Exports each table from DuckDB to a CSV file while PostgreSQL reads the one before (at most
     * two files at a time).
     */
    @Override
    public void fill(Connection store, List<String> tables, RefreshListener listener)
        throws SQLException {
      Stage in = Stage.start("copy in", listener);
      CopyManager copy = store.unwrap(PGConnection.class).getCopyAPI();
      ExecutorService exporter =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "refresh-export");
                t.setDaemon(true);
                return t;
              });
      long rows = 0;
      try {
        List<String> columns = new ArrayList<>();
        for (String table : tables) {
          columns.add(columnsOf(store, table));
        }
        Future<Path> next = exporter.submit(() -> export(tables.get(0), columns.get(0)));
        for (int i = 0; i < tables.size(); i++) {
          Path file = next.get();
          if (i + 1 < tables.size()) {
            int n = i + 1;
            next = exporter.submit(() -> export(tables.get(n), columns.get(n)));
          }
          try (InputStream input = Files.newInputStream(file)) {
            rows +=
                copy.copyIn(
                    "COPY "
                        + tables.get(i)
                        + " ("
                        + columns.get(i)
                        + ") FROM STDIN (FORMAT csv, FREEZE)",
                    input);
          }
          Files.delete(file);
        }
      } catch (IOException | SQLException | ExecutionException e) {
        throw in.failed(e instanceof ExecutionException ? e.getCause() : e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw in.failed(e);
      } finally {
        exporter.shutdownNow();
      }
      in.done(rows);
    }

    private Path export(String table, String columns) throws SQLException {
      Path file = dir.resolve(table + ".out.csv");
      statement.execute(
          "COPY (SELECT "
              + columns
              + " FROM "
              + table
              + ") TO "
              + literal(file)
              + " (FORMAT csv, HEADER false)");
      return file;
    }

    /** The columns of a table PostgreSQL created empty, in its order. */
    private static String columnsOf(Connection store, String table) throws SQLException {
      List<String> names = new ArrayList<>();
      try (Statement s = store.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE false")) {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          names.add(md.getColumnName(i));
        }
      }
      return String.join(", ", names);
    }

    /** Closes the scratch DuckDB (its transaction is never committed) and deletes the directory. */
    @Override
    public void close() {
      try {
        if (connection != null) {
          connection.close();
        }
      } catch (SQLException e) {
        // closing: the directory goes anyway
      }
      if (duck != null) {
        duck.close();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // best effort: the files hold only what the store holds (pseudonyms), in a private dir
      }
    }
  }

  /** A stage of the transfer, reported to the listener; a failure names it (never a value). */
  private record Stage(String name, RefreshListener listener, long started) {
    static Stage start(String name, RefreshListener listener) {
      listener.started(name);
      return new Stage(name, listener, System.nanoTime());
    }

    void done(long rows) {
      listener.finished(name, rows, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The stage and the kind of failure, not the database's message: a message about a copied row
     * may quote its values.
     */
    ConnectorException failed(Throwable e) {
      String what;
      if (e instanceof SQLException q && q.getSQLState() != null) {
        what = "SQLSTATE " + q.getSQLState();
      } else if (e.getMessage() != null && e.getMessage().matches("(?s)[A-Za-z ]+ Error:.*")) {
        what = e.getMessage().substring(0, e.getMessage().indexOf(':')); // DuckDB's error type
      } else {
        what = e.getClass().getSimpleName();
      }
      return new ConnectorException(
          ErrorCode.STORE_FAILURE,
          "The full refresh (computed in DuckDB, connector.store.postgres.refresh-engine) failed"
              + " at the stage \""
              + name
              + "\" ("
              + what
              + "); nothing was changed.");
    }
  }
}
