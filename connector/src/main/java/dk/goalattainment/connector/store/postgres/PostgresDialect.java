package dk.goalattainment.connector.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dk.goalattainment.connector.core.engine.CubeStep;
import dk.goalattainment.connector.core.engine.CubeTables;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.schema.StoreSchema;
import dk.goalattainment.connector.store.BulkWriter;
import dk.goalattainment.connector.store.FullRefreshRoute;
import dk.goalattainment.connector.store.SchemaDdl;
import dk.goalattainment.connector.store.SqlDialect;
import dk.goalattainment.connector.store.StoreKind;
import dk.goalattainment.connector.store.duckdb.DuckDbSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL (14 or newer), the production store: connections come from a HikariCP pool, the schema
 * is the store schema with primary keys, indexes and unlogged scratch tables ({@link
 * dk.goalattainment.connector.core.schema.StoreSchema}), and bulk loads use {@code COPY … FROM
 * STDIN} ({@link CopyWriter}).
 *
 * <p>The pool fails fast: the constructor connects once and throws a {@link ConnectorException}
 * naming the server (never the password) when it cannot.
 */
public final class PostgresDialect implements SqlDialect {
  /** Connections the pool keeps at most unless told otherwise. */
  public static final int DEFAULT_MAX_POOL_SIZE = 10;

  /**
   * How long a caller waits for a connection before the store counts as unavailable (HTTP 503),
   * unless told otherwise: short, so that an unreachable server fails requests fast instead of
   * holding them.
   */
  public static final java.time.Duration DEFAULT_CONNECTION_TIMEOUT =
      java.time.Duration.ofSeconds(1);

  private static final String URL_PREFIX = "jdbc:postgresql:";

  private final String url;
  private final HikariDataSource pool;
  private final RefreshEngine refreshEngine;
  private final DuckDbSettings scratch;

  /**
   * Where a full refresh is computed (ADR 0027): in an embedded DuckDB whose tables are copied into
   * PostgreSQL (the default), or by PostgreSQL's own SQL.
   */
  public enum RefreshEngine {
    DUCKDB,
    POSTGRES
  }

  /** A pool of at most {@link #DEFAULT_MAX_POOL_SIZE} connections. */
  public PostgresDialect(String jdbcUrl, String user, String password) {
    this(jdbcUrl, user, password, DEFAULT_MAX_POOL_SIZE);
  }

  /**
   * Connects to {@code jdbcUrl} ({@code jdbc:postgresql://host:port/database}).
   *
   * @param user the role to log in as; null when the URL names it
   * @param password its password; null for none (or when the URL or {@code ~/.pgpass} holds it)
   * @param maxPoolSize the most connections kept open at once (at least 1)
   */
  public PostgresDialect(String jdbcUrl, String user, String password, int maxPoolSize) {
    this(jdbcUrl, user, password, maxPoolSize, DEFAULT_CONNECTION_TIMEOUT);
  }

  /**
   * Connects to {@code jdbcUrl}; a caller waits at most {@code connectionTimeout} for a connection
   * (Hikari's {@code connectionTimeout}; idle connections are validated within half of it), then
   * the store counts as unavailable. The driver's {@code connectTimeout} and {@code loginTimeout}
   * (unless the URL sets them) are more lenient, at least 5 s, so a slow network still fills the
   * pool.
   */
  public PostgresDialect(
      String jdbcUrl,
      String user,
      String password,
      int maxPoolSize,
      java.time.Duration connectionTimeout) {
    this(
        jdbcUrl,
        user,
        password,
        maxPoolSize,
        connectionTimeout,
        RefreshEngine.DUCKDB,
        DuckDbSettings.DEFAULT);
  }

  /**
   * As {@link #PostgresDialect(String, String, String, int, java.time.Duration)}, with the engine
   * of a full refresh and the scratch DuckDB's memory limit, threads and temporary directory.
   */
  public PostgresDialect(
      String jdbcUrl,
      String user,
      String password,
      int maxPoolSize,
      java.time.Duration connectionTimeout,
      RefreshEngine refreshEngine,
      DuckDbSettings scratch) {
    this.refreshEngine = java.util.Objects.requireNonNull(refreshEngine, "refreshEngine");
    this.scratch = java.util.Objects.requireNonNull(scratch, "scratch");
    if (jdbcUrl == null || !jdbcUrl.startsWith(URL_PREFIX)) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "The PostgreSQL JDBC URL must start with "
              + URL_PREFIX
              + " (for example jdbc:postgresql://localhost:5432/connector).");
    }
    if (maxPoolSize < 1) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID, "The PostgreSQL pool needs at least one connection.");
    }
    this.url = jdbcUrl;
    HikariConfig config = new HikariConfig();
    config.setPoolName("connector-postgres");
    config.setDriverClassName("org.postgresql.Driver");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maxPoolSize);
    config.setMinimumIdle(Math.min(2, maxPoolSize));
    config.setAutoCommit(true);
    long timeoutMs = Math.max(250, connectionTimeout.toMillis());
    config.setConnectionTimeout(timeoutMs);
    config.setValidationTimeout(Math.max(250, timeoutMs / 2));
    // The pool's timeout bounds every caller; the driver's own connect and login get longer, so
    // that a slow network still fills the pool in the background instead of never connecting.
    String networkSeconds = Long.toString(Math.max(5, 2 * ((timeoutMs + 999) / 1000)));
    if (!jdbcUrl.contains("connectTimeout=")) {
      config.addDataSourceProperty("connectTimeout", networkSeconds);
    }
    if (!jdbcUrl.contains("loginTimeout=")) {
      config.addDataSourceProperty("loginTimeout", networkSeconds);
    }
    config.addDataSourceProperty("ApplicationName", "goal-attainment-connector");
    // Lets pgjdbc send a JDBC batch as multi-row INSERTs (catalogue labels, BatchedInsertWriter).
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    try {
      this.pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new ConnectorException(
          ErrorCode.STORE_FAILURE, "Cannot connect to " + describe() + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** The engine of a full refresh ({@link RefreshEngine}). */
  public RefreshEngine refreshEngine() {
    return refreshEngine;
  }

  /** With {@link RefreshEngine#DUCKDB}: computed in a scratch DuckDB (ADR 0027). */
  @Override
  public java.util.Optional<FullRefreshRoute> fullRefreshRoute() {
    return refreshEngine == RefreshEngine.DUCKDB
        ? java.util.Optional.of(new DuckDbRefreshRoute(scratch))
        : java.util.Optional.empty();
  }

  @Override
  public StoreKind kind() {
    return PostgresDialectProvider.KIND;
  }

  /** The server and database, without the URL's parameters (they may hold a password). */
  @Override
  public String describe() {
    return "PostgreSQL " + PostgresUrl.describe(url);
  }

  @Override
  public String doubleType() {
    return "DOUBLE PRECISION";
  }

  /** {@code /} of two integers truncates. */
  @Override
  public String integerDivide(String dividend, String divisor) {
    return "((" + dividend + ") / (" + divisor + "))";
  }

  /**
   * The sum of 64-bit integers as a 64-bit integer, an error on overflow: the aggregate {@value
   * #BIGINT_SUM} that the schema statements create. PostgreSQL's own {@code SUM(bigint)} adds in
   * 128 bits or {@code numeric} and keeps a state of its own per group; this one keeps a plain
   * {@code bigint} (about 4× less memory per group, no spill, half the time in the roll-ups).
   */
  @Override
  public String bigintSum(String expression) {
    return BIGINT_SUM + "(" + expression + ")";
  }

  /** The refresh's exact 64-bit sum ({@link #bigintSum}). */
  static final String BIGINT_SUM = "engine_bigint_sum";

  @Override
  public String analyze(String table) {
    return "ANALYZE " + table;
  }

  /**
   * PostgreSQL interprets every expression for every row (no vectorised execution; no JIT in the
   * refresh): the engine's subset step decodes each member once (ADR 0024).
   */
  @Override
  public boolean evaluatesRowByRow() {
    return true;
  }

  /**
   * The refresh's scratch tables and the engine's state are read only by refreshes, a few joins
   * each: the planner needs their row counts and a rough idea of their keys, not fine histograms,
   * so they are sampled at a tenth of the default ({@code default_statistics_target} 10: 3,000 rows
   * instead of 30,000; 0.04 s instead of 0.5 s for the 4 M counted facts at 1 M follow-ups). The
   * datasets, which readers filter in every way, get the server's default.
   */
  @Override
  public String analyze(String table, CubeStep.TableKind kind) {
    if (kind == CubeStep.TableKind.DATASET) {
      return analyze(table);
    }
    return "SET LOCAL default_statistics_target = 10; ANALYZE "
        + table
        + "; SET LOCAL default_statistics_target TO DEFAULT";
  }

  /**
   * The engine's state is derived: no WAL for it (a crash empties it, and the next refresh is
   * full). The refresh's scratch tables are unlogged tables of the schema too, not temporary ones:
   * PostgreSQL never reads a temporary table in parallel, so every aggregation over them ran on one
   * core. They exist only inside the refresh's transaction (created after it began, dropped before
   * it commits: {@code RefreshSteps.dropScratch}), so no other session ever sees them, and a failed
   * refresh leaves none behind.
   */
  @Override
  public String createTableAs(String table, CubeStep.TableKind kind, String select) {
    String prefix =
        switch (kind) {
          case TEMPORARY -> "CREATE UNLOGGED TABLE ";
          case ENGINE -> "CREATE UNLOGGED TABLE ";
          case DATASET -> "CREATE TABLE ";
        };
    return prefix + table + " AS\n" + select;
  }

  /** PostgreSQL's command tag of {@code CREATE TABLE … AS} ({@code SELECT n}) holds the rows. */
  @Override
  public boolean reportsCreatedRows() {
    return true;
  }

  /**
   * The engine's tables are joined in the order their statements write them (ADR 0025): the fact
   * table first (goals, the follow-up sequence), then its dictionaries. PostgreSQL estimates each
   * join with a dictionary ({@code engine_code} filtered to one dimension) as if it kept only that
   * dimension's share of the rows: four of them make 741 k coded goals an estimated 1.3 k, so it
   * hashed the goals instead of the 361 k pseudonyms they join (3.1 s instead of 2.4 s of CPU at 1
   * M follow-ups). In written order the pseudonyms are hashed first and each dictionary after.
   *
   * <p>Their one {@code DISTINCT} (the pseudonyms, numbered in order) is sorted rather than hashed:
   * the workers sort the goals' pseudonyms and the leader merges them (0.51–0.54 s of the leader's
   * CPU at 1 M instead of 0.77–0.79 s for a hash aggregate and a sort of its result in the leader).
   */
  @Override
  public List<String> beforeCreate(String table, CubeStep.TableKind kind) {
    return kind == CubeStep.TableKind.ENGINE
        ? List.of(WRITTEN_JOIN_ORDER, SORTED_DISTINCT)
        : List.of();
  }

  private static final String WRITTEN_JOIN_ORDER = "SET LOCAL join_collapse_limit = 1";
  private static final String SORTED_DISTINCT = "SET LOCAL enable_hashagg = off";
  private static final String WRITTEN_JOIN_ORDER_DONE =
      "SET LOCAL join_collapse_limit TO DEFAULT; SET LOCAL enable_hashagg TO DEFAULT";

  /**
   * The engine's tables (created by a full refresh, after {@code ALTER DEFAULT PRIVILEGES} gave
   * Superset's reader SELECT on new tables) lose every privilege granted to another role: only the
   * connector reads its per-goal state and pseudonyms; readers get the {@code dim_*} and {@code
   * ds_*} tables. The table name is the engine's own constant, never user text. The join order of
   * {@link #beforeCreate} ends with the statement.
   */
  @Override
  public List<String> afterCreate(String table, CubeStep.TableKind kind) {
    if (kind != CubeStep.TableKind.ENGINE) {
      return List.of();
    }
    return List.of(
        WRITTEN_JOIN_ORDER_DONE,
        """
        DO $$
        DECLARE g oid;
        BEGIN
          FOR g IN SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a
                   WHERE c.oid = '%1$s'::regclass AND a.grantee <> c.relowner LOOP
            IF g = 0 THEN
              EXECUTE 'REVOKE ALL ON %1$s FROM PUBLIC';
            ELSE
              EXECUTE format('REVOKE ALL ON %1$s FROM %%I', pg_get_userbyid(g));
            END IF;
          END LOOP;
        END $$"""
            .formatted(table));
  }

  /**
   * The refresh's hash aggregates and sorts in memory rather than spilled at the default 4 MB
   * (transaction-scoped: other sessions keep the server's setting).
   */
  @Override
  public List<String> refreshSettings() {
    // JIT compilation (where the server has it) costs seconds on these one-off wide queries and
    // saves little: each expression runs over a few million rows at most.
    // Every join of the refresh is an equi-join on integer keys of tables it just wrote, unsorted:
    // hash joins. PostgreSQL misjudges the hash buckets of the four-column slice key and sorts the
    // whole cube three times for merge joins instead (the slice rows: 2.0 s instead of 1.1 s at
    // 100 k follow-ups).
    List<String> settings =
        new java.util.ArrayList<>(
            List.of(
                "SET LOCAL work_mem = '256MB'",
                "SET LOCAL jit = off",
                "SET LOCAL enable_mergejoin = off"));
    settings.addAll(PARALLEL_SETTINGS);
    return settings;
  }

  /**
   * Parallel plans for the refresh's scans, joins and sorts of millions of rows (ADR 0025). With
   * the server's defaults ({@code parallel_setup_cost} 1000, {@code parallel_tuple_cost} 0.1 per
   * row sent to the leader) the planner keeps every step that hands its rows on to the leader — a
   * {@code CREATE TABLE AS}, a window over a sorted join — on one core: the follow-up sequence, the
   * counted facts, the compliance facts and the drill-down ran on one core of two. A tenth of the
   * defaults lets the workers scan, join and sort while the leader numbers and writes the rows: at
   * 1 M follow-ups the leader's CPU for these steps falls by a quarter to a half (the workers' CPU
   * rises by about as much, so a busy server gains little; a server with idle cores gains the wall
   * clock). Tables under {@code min_parallel_table_scan_size} (8 MB) still run on one core.
   */
  static final List<String> PARALLEL_SETTINGS =
      List.of("SET LOCAL parallel_setup_cost = 100", "SET LOCAL parallel_tuple_cost = 0.01");

  /**
   * The cube's view reads the engine's dictionaries: they are logged (stores made before the cube
   * became a view made them unlogged; {@code SET LOGGED} is a no-op on a logged table).
   */
  @Override
  public List<String> beforeFullRefresh() {
    return java.util.stream.Stream.of(CubeTables.UNIT, CubeTables.CODE, CubeTables.PERIOD)
        .map(t -> "ALTER TABLE " + t + " SET LOGGED")
        .toList();
  }

  /** A transaction-scoped advisory lock: one refresh at a time across processes. */
  @Override
  public boolean tryLockRefresh(Connection connection) throws SQLException {
    try (var s = connection.createStatement();
        var rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(" + REFRESH_LOCK + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** The advisory lock key of refreshes ("goal-att" as a number). */
  private static final long REFRESH_LOCK = 0x676f616c2d617474L;

  @Override
  public Connection connect() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public List<String> schemaStatements() {
    List<String> ddl =
        new java.util.ArrayList<>(SchemaDdl.render(StoreSchema.Type::name, true, "UNLOGGED "));
    // int8pl is bigint + bigint: it raises "bigint out of range" on overflow.
    ddl.add(
        "CREATE OR REPLACE AGGREGATE "
            + BIGINT_SUM
            + " (BIGINT) (SFUNC = int8pl, STYPE = BIGINT, COMBINEFUNC = int8pl, PARALLEL = SAFE)");
    return ddl;
  }

  /** Stage rows reach {@link CopyWriter} already encoded as CSV (ADR 0028). */
  @Override
  public boolean stagesCsv() {
    return true;
  }

  @Override
  public BulkWriter bulkWriter(Connection connection, String table, List<String> columns)
      throws SQLException {
    return new CopyWriter(connection, table, columns);
  }

  @Override
  public void close() {
    pool.close();
  }
}
