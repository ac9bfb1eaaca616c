package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.CubeTables;
import dk.goalattainment.connector.core.engine.DatasetSql;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Materialises the standard datasets in the store ({@code connector refresh}) in one transaction,
 * fully or incrementally (issue 12):
 *
 * <ul>
 *   <li>A <b>full</b> refresh rebuilds the engine's state (dictionaries, the counted follow-ups of
 *       every goal) and every dataset table, then checks the tables against their definitions (any
 *       problem rolls the whole refresh back).
 *   <li>An <b>incremental</b> refresh takes the goals that ingest logged as changed, computes the
 *       change of the cube's additive measures as "the touched citizens' facts now minus their
 *       facts as last refreshed", and rewrites only the affected rows (and those whose change
 *       columns compare with them). It equals a full refresh in every figure.
 * </ul>
 *
 * A refresh is incremental when it can be: not when asked for {@code --full}, on the first refresh,
 * or when the org tree, the catalogue, the periods or the dataset definitions changed since the
 * last full refresh, or when a large part of the goals changed. It says which and why. One refresh
 * at a time: a second one is refused at once, not queued.
 */
public final class DatasetRefresher {
  /** Above this share of changed goals a full refresh is faster than an incremental one. */
  static final double FULL_ABOVE_CHANGED_SHARE = 0.2;

  private final JdbcStore store;

  public DatasetRefresher(JdbcStore store) {
    this.store = store;
  }

  /** What a refresh built: its kind, why, and the rows of each table it wrote. */
  public record Result(
      Instant refreshedAt, Duration took, Map<String, Long> rows, Kind kind, String reason) {}

  /** Full or incremental. */
  public enum Kind {
    FULL,
    INCREMENTAL
  }

  /** A refresh as asked for: {@code full} forces a full one. */
  public record Request(boolean full) {
    public static final Request DEFAULT = new Request(false);
  }

  /** A refresh (incremental when it can be) that reports its stages as plain lines. */
  public Result refresh(Definitions definitions, Consumer<String> progress) {
    return refresh(definitions, Request.DEFAULT, plain(progress));
  }

  /** Stage lines for a log: "attainment: 195,410 rows in 1.2 s". */
  public static RefreshListener plain(Consumer<String> lines) {
    return new RefreshListener() {
      @Override
      public void finished(String stage, long rows, Duration took) {
        lines.accept(
            stage
                + (rows >= 0 ? ": %,d rows".formatted(rows) : ":")
                + " in %.2f s".formatted(took.toNanos() / 1e9));
      }

      @Override
      public void decided(String plan) {
        lines.accept(plan);
      }
    };
  }

  public Result refresh(Definitions definitions, Request request, RefreshListener listener) {
    ReentrantLock running = store.refreshLock();
    if (!running.tryLock()) {
      throw alreadyRunning();
    }
    try {
      store.ingestLock().lock();
      try {
        return refreshLocked(definitions, request, listener);
      } finally {
        store.ingestLock().unlock();
      }
    } finally {
      running.unlock();
    }
  }

  private static ConnectorException alreadyRunning() {
    return new ConnectorException(
        ErrorCode.CONFLICT,
        "A refresh is already running on this store; this one was not started. Try again when it"
            + " has finished.");
  }

  private Result refreshLocked(Definitions definitions, Request request, RefreshListener listener) {
    Instant started = Instant.now();
    SqlDialect dialect = store.dialect();
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection c = dialect.connect()) {
      c.setAutoCommit(false);
      try (RefreshSteps steps = new RefreshSteps(dialect, c, listener)) {
        if (!dialect.tryLockRefresh(c)) {
          throw alreadyRunning();
        }
        for (String setting : dialect.refreshSettings()) {
          steps.execute(setting);
        }
        steps.stage("dictionaries");
        CubeDictionaries dictionaries = CubeDictionaries.read(steps.statement());
        String fingerprint =
            hash(
                dictionaries.fingerprint()
                    + "\n"
                    + definitionsPrint(definitions)
                    + rowsPrint(steps.statement(), "SELECT * FROM org_unit ORDER BY unit_id")
                    + rowsPrint(
                        steps.statement(),
                        "SELECT * FROM catalogue_label ORDER BY dimension, code"));
        Plan plan = plan(steps.statement(), request, fingerprint, definitions);
        listener.decided(plan.describe());
        CubeRefresh cube = new CubeRefresh(dialect, dictionaries, steps);
        if (plan.kind() == Kind.FULL) {
          full(c, steps, dictionaries, cube, definitions, rows, fingerprint);
        } else if (plan.changedGoals() > 0) {
          incremental(steps, cube, definitions, rows);
        }
        steps.end();
        store.recordEvent(c, "refresh", plan.kind().name().toLowerCase() + " " + rows);
        listener.started("commit");
        long t = System.nanoTime();
        c.commit();
        listener.finished("commit", -1, Duration.ofNanos(System.nanoTime() - t));
        store.freshnessChanged();
        return new Result(
            started, Duration.between(started, Instant.now()), rows, plan.kind(), plan.reason());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw JdbcStore.failure("refreshing the datasets", e);
    }
  }

  private void full(
      Connection c,
      RefreshSteps steps,
      CubeDictionaries dictionaries,
      CubeRefresh cube,
      Definitions definitions,
      Map<String, Long> rows,
      String fingerprint)
      throws SQLException {
    SqlDialect dialect = store.dialect();
    Statement s = steps.statement();
    dictionaries.write(dialect, c, s);
    dictionaries.writePeriodDimension(dialect, c, s);
    rows.put(DatasetSql.PERIOD_TABLE, (long) dictionaries.periods.size());
    s.execute("DROP TABLE IF EXISTS " + DatasetSql.ORG_TABLE);
    s.execute("CREATE TABLE " + DatasetSql.ORG_TABLE + " AS " + DatasetSql.orgUnits());
    rows.put(DatasetSql.ORG_TABLE, steps.count(DatasetSql.ORG_TABLE));
    cube.helpers();
    cube.fullMeasures();
    String attainmentTable = null;
    for (String builder : DatasetSql.BUILDERS) {
      for (DatasetDefinition d : definitions.datasets()) {
        if (!builder.equals(d.builder())) {
          continue;
        }
        switch (builder) {
          case "attainment" -> {
            rows.put(d.table(), cube.fullCube(d));
            attainmentTable = d.table();
            // Reports and dashboards read one slice at a time: by org node (or its parent, for
            // the children), period and view (docs/BENCHMARKS.md).
            index(s, d.table(), "slice", "org_unit, period, via");
            index(s, d.table(), "children", "parent_org_unit, period, via");
          }
          case "goal_followups" -> rows.put(d.table(), cube.fullGoalFollowups(d));
          case "followup_compliance" -> {
            rows.put(d.table(), cube.compliance(d, requireCube(attainmentTable)));
            index(s, d.table(), "children", "parent_org_unit, period, via");
          }
          default ->
              throw new ConnectorException(
                  ErrorCode.DEFINITION_INVALID, "Unknown dataset builder " + builder);
        }
      }
    }
    steps.stage("engine state");
    s.execute("DELETE FROM " + CubeTables.STATE);
    s.execute("DELETE FROM " + CubeTables.PENDING);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO " + CubeTables.STATE + " (name, value) VALUES ('fingerprint', ?)")) {
      ps.setString(1, fingerprint);
      ps.executeUpdate();
    }
    steps.stage("checking the tables against their definitions");
    List<String> problems = new DatasetValidation(store).validate(c, definitions);
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "The refresh was rolled back: the materialised datasets do not match their"
              + " definitions:\n  - "
              + String.join("\n  - ", problems));
    }
  }

  private static String requireCube(String attainmentTable) {
    if (attainmentTable == null) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "followup_compliance needs a dataset built by the attainment builder");
    }
    return attainmentTable;
  }

  private void incremental(
      RefreshSteps steps, CubeRefresh cube, Definitions definitions, Map<String, Long> rows)
      throws SQLException {
    cube.helpers();
    cube.incrementalMeasures();
    String attainmentTable = null;
    for (String builder : DatasetSql.BUILDERS) {
      for (DatasetDefinition d : definitions.datasets()) {
        if (builder.equals(d.builder())) {
          switch (builder) {
            case "attainment" -> {
              rows.put(d.table(), cube.applyToCube(d));
              attainmentTable = d.table();
            }
            case "goal_followups" -> rows.put(d.table(), cube.applyToGoalFollowups(d));
            case "followup_compliance" -> {
              rows.put(d.table(), cube.compliance(d, requireCube(attainmentTable)));
              index(steps.statement(), d.table(), "children", "parent_org_unit, period, via");
            }
            default ->
                throw new ConnectorException(
                    ErrorCode.DEFINITION_INVALID, "Unknown dataset builder " + builder);
          }
        }
      }
    }
    cube.updateState();
  }

  /** The kind of refresh to run, why, and how many goals changed. */
  record Plan(Kind kind, String reason, long changedGoals) {
    String describe() {
      return (kind == Kind.FULL ? "full refresh: " : "incremental refresh: ") + reason;
    }
  }

  private Plan plan(Statement s, Request request, String fingerprint, Definitions definitions)
      throws SQLException {
    if (request.full()) {
      return new Plan(Kind.FULL, "asked for (--full)", -1);
    }
    Optional<String> stored = storedFingerprint(s);
    if (stored.isEmpty()) {
      return new Plan(Kind.FULL, "no earlier refresh of this store to build on", -1);
    }
    if (!stored.get().equals(fingerprint)) {
      return new Plan(
          Kind.FULL,
          "the org tree, the catalogue, the periods or the dataset definitions changed since the"
              + " last full refresh",
          -1);
    }
    for (DatasetDefinition d : definitions.datasets()) {
      if (!tableExists(s, d.table())) {
        return new Plan(Kind.FULL, "the table " + d.table() + " is missing", -1);
      }
    }
    long changed = count(s, "SELECT COUNT(DISTINCT id) FROM " + CubeTables.PENDING);
    long goals = count(s, "SELECT COUNT(*) FROM goal");
    if (changed > FULL_ABOVE_CHANGED_SHARE * Math.max(goals, 1) && changed > 1000) {
      return new Plan(
          Kind.FULL,
          "%,d of %,d goals changed since the last refresh: a full refresh is faster"
              .formatted(changed, goals),
          changed);
    }
    if (changed == 0) {
      return new Plan(Kind.INCREMENTAL, "nothing changed since the last refresh", 0);
    }
    return new Plan(
        Kind.INCREMENTAL,
        "%,d goals changed since the last refresh (new or replaced goals and follow-ups)"
            .formatted(changed),
        changed);
  }

  private static Optional<String> storedFingerprint(Statement s) throws SQLException {
    try (ResultSet rs =
        s.executeQuery("SELECT value FROM " + CubeTables.STATE + " WHERE name = 'fingerprint'")) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }

  private static boolean tableExists(Statement s, String table) {
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** What of the definitions shapes the tables: every dataset's id, version, table, columns. */
  private static String definitionsPrint(Definitions definitions) {
    StringBuilder sb = new StringBuilder();
    for (DatasetDefinition d : definitions.datasets()) {
      sb.append(d.id()).append('@').append(d.version()).append(' ').append(d.table());
      sb.append(' ').append(CubeRefresh.columns(d)).append('\n');
    }
    return sb.toString();
  }

  /** Every row of a small query as text. */
  private static String rowsPrint(Statement s, String sql) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          sb.append(rs.getString(i)).append('|');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void index(Statement s, String table, String name, String columns) throws SQLException {
    if (!store.dialect().indexesDatasets()) {
      return;
    }
    s.execute("DROP INDEX IF EXISTS " + table + "_" + name);
    s.execute("CREATE INDEX " + table + "_" + name + " ON " + table + " (" + columns + ")");
  }

  /** The database stage of definition validation. */
  public List<String> validate(Definitions definitions) {
    return new DatasetValidation(store).validate(definitions);
  }
}
