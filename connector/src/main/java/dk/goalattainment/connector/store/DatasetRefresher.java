package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.CubeRowsSql;
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
import java.time.LocalDate;
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
 *
 * <p>The data runs to an <b>as-of date</b> (issue 11): {@code refresh --as-of}, else the latest
 * follow-up date, else none. A period is complete when it ends on or before it; rolling windows
 * ending after it are not materialised; a unit closed before it is shown "(afsluttet)" in the
 * {@code in_*} filter columns. What the as-of date decides (the materialised periods, which are
 * complete, which units are closed as of it) is part of the fingerprint of the last full refresh,
 * so an as-of date that passes the end of a quarter or the closing of a unit makes the next refresh
 * a full one; an as-of date that moves within a quarter only rewrites {@code dim_period.as_of}.
 */
public final class DatasetRefresher {
  /** Above this share of changed goals a full refresh is faster than an incremental one. */
  static final double FULL_ABOVE_CHANGED_SHARE = 0.2;

  private final JdbcStore store;

  public DatasetRefresher(JdbcStore store) {
    this.store = store;
  }

  /**
   * What a refresh built: its kind, why, and the rows of each table it wrote.
   *
   * @param asOf the date the data runs to: a period is complete when it ends on or before it (null
   *     when the store holds no follow-up and none was given)
   */
  public record Result(
      Instant refreshedAt,
      Duration took,
      Map<String, Long> rows,
      Kind kind,
      String reason,
      LocalDate asOf) {}

  /** Full or incremental. */
  public enum Kind {
    FULL,
    INCREMENTAL
  }

  /**
   * A refresh as asked for: {@code full} forces a full one; {@code asOf} is the date the data runs
   * to ({@code refresh --as-of}; null: the latest follow-up date).
   */
  public record Request(boolean full, LocalDate asOf) {
    public static final Request DEFAULT = new Request(false, null);

    /** A refresh with the data as of the latest follow-up date. */
    public Request(boolean full) {
      this(full, null);
    }
  }

  /** A refresh (incremental when it can be) that reports its stages as plain lines. */
  public Result refresh(Definitions definitions, Consumer<String> progress) {
    return refresh(definitions, Request.DEFAULT, plain(progress));
  }

  /**
   * A refresh (incremental when it can be) with the data as of {@code asOf} (null: the latest
   * follow-up date) that reports its stages as plain lines.
   */
  public Result refresh(Definitions definitions, LocalDate asOf, Consumer<String> progress) {
    return refresh(definitions, new Request(false, asOf), plain(progress));
  }

  /** Stage lines for a log: "attainment: 195,410 rows in 1.2 s". */
  public static RefreshListener plain(Consumer<String> lines) {
    return new RefreshListener() {
      @Override
      public void finished(String stage, long rows, Duration took) {
        lines.accept(RefreshListener.line(stage, rows, took));
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
        LocalDate asOf =
            request.asOf() != null ? request.asOf() : latestFollowUp(steps.statement());
        CubeDictionaries dictionaries = CubeDictionaries.read(steps.statement(), asOf);
        Fingerprints fingerprints =
            new Fingerprints(
                hash(
                    dictionaries.fingerprint()
                        + "\n"
                        + definitionsPrint(definitions)
                        + rowsPrint(steps.statement(), "SELECT * FROM org_unit ORDER BY unit_id")
                        + rowsPrint(
                            steps.statement(),
                            "SELECT * FROM catalogue_label ORDER BY dimension, code")),
                hash(dictionaries.asOfFingerprint()));
        Plan plan = plan(steps.statement(), request, fingerprints, definitions, asOf);
        if (plan.kind() == Kind.INCREMENTAL
            && plan.changedGoals() > 0
            && dictionaries.sliceKey().isEmpty()) {
          plan =
              new Plan(
                  Kind.FULL,
                  "the cube's slice keys (periods, org units, catalogue codes) do not pack into"
                      + " 64 bits",
                  plan.changedGoals());
        }
        listener.decided(plan.describe());
        if (plan.kind() == Kind.FULL) {
          full(c, steps, dictionaries, definitions, asOf, listener, rows, fingerprints);
        } else {
          CubeRefresh cube = new CubeRefresh(dialect, dictionaries, steps);
          if (plan.changedGoals() > 0) {
            incremental(steps, cube, definitions, rows);
          }
          moveAsOf(c, steps, asOf, rows);
        }
        steps.dropScratch();
        steps.end();
        store.recordEvent(
            c, "refresh", plan.kind().name().toLowerCase() + " " + rows + " as of " + asOf);
        listener.started("commit");
        long t = System.nanoTime();
        c.commit();
        listener.finished("commit", -1, Duration.ofNanos(System.nanoTime() - t));
        store.freshnessChanged();
        return new Result(
            started,
            Duration.between(started, Instant.now()),
            rows,
            plan.kind(),
            plan.reason(),
            asOf);
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
      Definitions definitions,
      LocalDate asOf,
      RefreshListener listener,
      Map<String, Long> rows,
      Fingerprints fingerprints)
      throws SQLException {
    SqlDialect dialect = store.dialect();
    Statement s = steps.statement();
    FullRefresh tables = new FullRefresh(dialect, c, steps, dictionaries);
    Optional<FullRefreshRoute> route = dialect.fullRefreshRoute();
    if (route.isEmpty()) {
      rows.putAll(tables.build(definitions, false));
    } else {
      // ADR 0027: computed elsewhere, then copied into the tables this database's own statements
      // create empty (same columns, types, views, indexes and privileges as computed here).
      steps.end();
      try (FullRefreshRoute.Computation computation = route.get().prepare(c, listener)) {
        steps.stage("creating the tables");
        steps.shapesOnly();
        tables.build(definitions, false);
        Map<String, String> created = new LinkedHashMap<>();
        steps
            .shapesDone()
            .forEach((table, kind) -> created.put(table, dialect.analyze(table, kind)));
        steps.end();
        rows.putAll(computation.computeInto(c, created, definitions, asOf, listener));
      }
    }
    steps.stage("engine state");
    s.execute("DELETE FROM " + CubeTables.STATE);
    s.execute("DELETE FROM " + CubeTables.PENDING);
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO " + CubeTables.STATE + " (name, value) VALUES (?, ?)")) {
      ps.setString(1, "fingerprint");
      ps.setString(2, fingerprints.structure());
      ps.executeUpdate();
      ps.setString(1, "as_of_fingerprint");
      ps.setString(2, fingerprints.asOf());
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
              rows.put(d.table(), cube.compliance(d, FullRefresh.requireCube(attainmentTable)));
              FullRefresh.index(
                  store.dialect(),
                  steps.statement(),
                  d.table(),
                  "children",
                  "parent_org_unit, period, via");
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

  /**
   * What the last full refresh was built from: the structure (dictionaries, definitions, org tree,
   * catalogue) and what the as-of date decides (periods materialised and complete, units closed).
   */
  record Fingerprints(String structure, String asOf) {}

  /** The date the data runs to when none is given: the latest follow-up date, if any. */
  private static LocalDate latestFollowUp(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT MAX(followup_date) FROM followup")) {
      rs.next();
      java.sql.Date latest = rs.getDate(1);
      return latest == null ? null : latest.toLocalDate();
    }
  }

  /**
   * An incremental refresh with an as-of date that moved within the same periods (what it decides
   * is unchanged, by the fingerprint): only {@code dim_period.as_of} is rewritten.
   */
  private static void moveAsOf(
      Connection c, RefreshSteps steps, LocalDate asOf, Map<String, Long> rows)
      throws SQLException {
    LocalDate stored;
    try (ResultSet rs =
        steps.statement().executeQuery("SELECT MAX(as_of) FROM " + DatasetSql.PERIOD_TABLE)) {
      rs.next();
      java.sql.Date d = rs.getDate(1);
      stored = d == null ? null : d.toLocalDate();
    }
    if (java.util.Objects.equals(stored, asOf)) {
      return;
    }
    steps.stage("as-of date");
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE " + DatasetSql.PERIOD_TABLE + " SET as_of = ?")) {
      ps.setDate(1, asOf == null ? null : java.sql.Date.valueOf(asOf));
      long updated = ps.executeUpdate();
      steps.rows(updated);
      rows.put(DatasetSql.PERIOD_TABLE, updated);
    }
  }

  /** The kind of refresh to run, why, and how many goals changed. */
  record Plan(Kind kind, String reason, long changedGoals) {
    String describe() {
      return (kind == Kind.FULL ? "full refresh: " : "incremental refresh: ") + reason;
    }
  }

  private Plan plan(
      Statement s,
      Request request,
      Fingerprints fingerprints,
      Definitions definitions,
      LocalDate asOf)
      throws SQLException {
    if (request.full()) {
      return new Plan(Kind.FULL, "asked for (--full)", -1);
    }
    Optional<String> stored = storedState(s, "fingerprint");
    if (stored.isEmpty()) {
      return new Plan(Kind.FULL, "no earlier refresh of this store to build on", -1);
    }
    if (!stored.get().equals(fingerprints.structure())) {
      return new Plan(
          Kind.FULL,
          "the org tree, the catalogue, the periods or the dataset definitions changed since the"
              + " last full refresh",
          -1);
    }
    if (!storedState(s, "as_of_fingerprint").equals(Optional.of(fingerprints.asOf()))) {
      return new Plan(
          Kind.FULL,
          "the periods changed since the last full refresh (with the data as of "
              + (asOf == null ? "no date" : asOf)
              + ": a new year of data, a period now complete, a new rolling window, or a unit"
              + " now closed)",
          -1);
    }
    for (DatasetDefinition d : definitions.datasets()) {
      if (!tableExists(s, d.table())) {
        return new Plan(Kind.FULL, "the table " + d.table() + " is missing", -1);
      }
      String slices = CubeRowsSql.slicesTable(d.table());
      if ("attainment".equals(d.builder()) && !tableExists(s, slices)) {
        return new Plan(
            Kind.FULL,
            "the table " + slices + " is missing (a cube written by an earlier version)",
            -1);
      }
      if ("attainment".equals(d.builder()) && CubeRefresh.storesChangeColumns(s, slices)) {
        return new Plan(
            Kind.FULL,
            "the table " + slices + " holds change columns (a cube written by an earlier version)",
            -1);
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

  private static Optional<String> storedState(Statement s, String name) throws SQLException {
    try (ResultSet rs =
        s.executeQuery("SELECT value FROM " + CubeTables.STATE + " WHERE name = '" + name + "'")) {
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

  /** The database stage of definition validation. */
  public List<String> validate(Definitions definitions) {
    return new DatasetValidation(store).validate(definitions);
  }
}
