package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.access.OrgSubtrees;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.engine.AttainmentReader;
import dk.goalattainment.connector.core.engine.AttainmentSql;
import dk.goalattainment.connector.core.engine.BoundSql;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.engine.ReportService;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.ingest.IngestTransaction;
import dk.goalattainment.connector.core.model.OrgLevel;
import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.core.model.UnitRole;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store over JDBC, for any {@link SqlDialect}: creates the schema, keeps the catalogue's labels
 * in a table for the metric SQL and BI tools, runs reports and ingest transactions. Ingests are
 * serialised; reads run concurrently.
 */
public final class JdbcStore implements AttainmentReader, OrgSubtrees, AutoCloseable {
  private final SqlDialect dialect;
  private final ReentrantLock ingestLock = new ReentrantLock();
  private final ReentrantLock refreshLock = new ReentrantLock();

  public JdbcStore(SqlDialect dialect, Catalogue catalogue) {
    this.dialect = dialect;
    try (Connection c = dialect.connect();
        Statement s = c.createStatement()) {
      for (String ddl : dialect.schemaStatements()) {
        s.execute(ddl);
      }
      writeCatalogue(c, catalogue);
      deriveMissingLevels(c);
    } catch (SQLException e) {
      throw failure("preparing the schema", e);
    }
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** A store made before org levels existed gets every unit's effective level once. */
  private static void deriveMissingLevels(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM org_unit WHERE org_level IS NULL")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return;
      }
    }
    c.setAutoCommit(false);
    try {
      OrgTreeChecks.updateLevels(c);
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Serialises the store's writers: ingests and refreshes. */
  ReentrantLock ingestLock() {
    return ingestLock;
  }

  /** Held while a refresh runs: a second refresh is refused, not queued. */
  ReentrantLock refreshLock() {
    return refreshLock;
  }

  /** Notes an ingest or refresh in {@code store_event}, on the caller's transaction. */
  void recordEvent(Connection c, String kind, String detail) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO store_event (kind, happened_at, detail) VALUES (?, CURRENT_TIMESTAMP, ?)")) {
      ps.setString(1, kind);
      ps.setString(2, detail);
      ps.executeUpdate();
    }
  }

  /** When the last event of a kind happened, if ever. */
  public Optional<java.time.Instant> lastEvent(String kind) {
    try (Connection c = dialect.connect();
        PreparedStatement ps =
            c.prepareStatement("SELECT MAX(happened_at) FROM store_event WHERE kind = ?")) {
      ps.setString(1, kind);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        java.sql.Timestamp t = rs.getTimestamp(1);
        return Optional.ofNullable(t).map(java.sql.Timestamp::toInstant);
      }
    } catch (SQLException e) {
      throw failure("reading the event log", e);
    }
  }

  /** How long a freshness answer is reused: ingests by another process show within this. */
  private static final long FRESHNESS_TTL_NANOS = 1_000_000_000L;

  private volatile boolean fresh;
  private volatile java.time.Instant refreshedAt;
  private volatile long freshCheckedAt = Long.MIN_VALUE;

  /**
   * Whether the datasets were refreshed after the last ingest. Read from {@code store_event} at
   * most once a second (every report asks); an ingest or refresh in this process answers at once.
   */
  public boolean datasetsFresh() {
    long now = System.nanoTime();
    if (freshCheckedAt != Long.MIN_VALUE && now - freshCheckedAt < FRESHNESS_TTL_NANOS) {
      return fresh;
    }
    Optional<java.time.Instant> refresh = lastEvent("refresh");
    Optional<java.time.Instant> ingest = lastEvent("ingest");
    fresh = refresh.isPresent() && (ingest.isEmpty() || !refresh.get().isBefore(ingest.get()));
    refreshedAt = refresh.orElse(null);
    freshCheckedAt = now;
    return fresh;
  }

  /**
   * When the datasets were last refreshed, as of the last freshness check: a generation for caches
   * of what was read from them.
   */
  public Optional<java.time.Instant> refreshGeneration() {
    datasetsFresh();
    return Optional.ofNullable(refreshedAt);
  }

  /** Forgets the cached freshness (after this process ingested or refreshed). */
  void freshnessChanged() {
    freshCheckedAt = Long.MIN_VALUE;
  }

  /** A new all-or-nothing ingest; the caller closes it. Waits while another ingest runs. */
  public IngestTransaction beginIngest() {
    return new JdbcIngestTransaction(this, ingestLock);
  }

  static ConnectorException failure(String doing, SQLException e) {
    if (isConnectionFailure(e)) {
      String reason = String.valueOf(e.getMessage()).strip();
      return new ConnectorException(
          ErrorCode.STORE_UNAVAILABLE,
          "The store is unavailable ("
              + doing
              + "): "
              + reason
              + (reason.endsWith(".") ? "" : ".")
              + " Requests work again as soon as it answers.",
          e);
    }
    return new ConnectorException(
        ErrorCode.STORE_FAILURE, "The store failed " + doing + ": " + e.getMessage(), e);
  }

  /**
   * Whether a failure means the database cannot be reached (no connection within the pool's
   * timeout, SQLSTATE class 08 "connection exception", or the server shutting down), rather than a
   * problem with a statement.
   */
  static boolean isConnectionFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the database holds the connector's tables (its {@code schema_version} table): a store
   * is opened only where one was created ({@code connector init}), never invented by a typo.
   */
  public static boolean isStore(SqlDialect dialect) {
    try (Connection c = dialect.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
      return rs.next();
    } catch (SQLException e) {
      if (dialect.provider().isMissingTable(e)) {
        return false;
      }
      throw failure("looking for the connector's tables", e);
    }
  }

  /**
   * Checks that the store answers a trivial query within {@code timeoutSeconds} (for readiness).
   *
   * @throws ConnectorException STORE_UNAVAILABLE (or STORE_FAILURE) when it does not
   */
  public void ping(int timeoutSeconds) {
    try (Connection c = dialect.connect();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        rs.next();
      }
    } catch (SQLException e) {
      throw failure("checking that it answers", e);
    }
  }

  private void writeCatalogue(Connection c, Catalogue catalogue) throws SQLException {
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM catalogue_label");
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO catalogue_label (dimension, code, label_da, label_en, parent_code,"
                  + " sort_order) VALUES (?, ?, ?, ?, ?, ?)")) {
        int order = 0;
        for (Catalogue.EffectGoal e : catalogue.effectGoals()) {
          label(ps, "effect_goal", e.code(), e.label().da(), e.label().en(), null, ++order);
        }
        for (Catalogue.LifeTheme t : catalogue.lifeThemes()) {
          label(
              ps, "life_theme", t.code(), t.label().da(), t.label().en(), t.effectGoal(), ++order);
        }
        for (Catalogue.TargetGroup g : catalogue.targetGroups()) {
          label(
              ps, "target_group", g.code(), g.label().da(), g.label().en(), g.audience(), ++order);
        }
        Map<String, List<Catalogue.Coded>> coded = new LinkedHashMap<>();
        coded.put("goal_type", catalogue.goalTypes());
        coded.put("age_band", catalogue.ageBands());
        coded.put("role", catalogue.roles());
        for (Map.Entry<String, List<Catalogue.Coded>> entry : coded.entrySet()) {
          for (Catalogue.Coded item : entry.getValue()) {
            label(
                ps,
                entry.getKey(),
                item.code(),
                item.label().da(),
                item.label().en(),
                null,
                ++order);
          }
        }
        int depth = 0;
        for (Catalogue.Coded level : catalogue.orgLevels()) {
          label(
              ps,
              "org_level",
              level.code(),
              level.label().da(),
              level.label().en(),
              Integer.toString(depth++),
              ++order);
        }
        for (Catalogue.RulerBand b : catalogue.rulerBands()) {
          label(
              ps,
              "ruler_band",
              b.from() + "-" + b.to(),
              b.label().da(),
              b.label().en(),
              null,
              ++order);
        }
        ps.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void label(
      PreparedStatement ps, String dim, String code, String da, String en, String parent, int order)
      throws SQLException {
    ps.setString(1, dim);
    ps.setString(2, code);
    ps.setString(3, da);
    ps.setString(4, en);
    ps.setString(5, parent);
    ps.setInt(6, order);
    ps.addBatch();
  }

  @Override
  public Report report(ReportRequest request) {
    if (orgUnit(request.orgUnitId()).isEmpty()) {
      throw ReportService.unknownOrgUnit(request.orgUnitId());
    }
    BoundSql q = AttainmentSql.report(request, dialect);
    List<ReportColumn> columns = ReportColumn.values();
    List<ReportRow> rows = new ArrayList<>();
    try (Connection c = dialect.connect();
        PreparedStatement ps = c.prepareStatement(q.sql())) {
      bind(ps, q.parameters());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<ReportColumn, Object> values = new LinkedHashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), read(rs, i + 1, columns.get(i).type()));
          }
          rows.add(new ReportRow(values));
        }
      }
    } catch (SQLException e) {
      throw failure("computing a report", e);
    }
    return new Report(request, rows);
  }

  static void bind(PreparedStatement ps, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      ps.setObject(i + 1, parameters.get(i));
    }
  }

  static Object read(ResultSet rs, int index, ReportColumn.Type type) throws SQLException {
    Object value =
        switch (type) {
          case TEXT -> rs.getString(index);
          case LONG -> rs.getLong(index);
          case DOUBLE -> rs.getDouble(index);
          case BOOLEAN -> rs.getBoolean(index);
        };
    return rs.wasNull() ? null : value;
  }

  @Override
  public Optional<OrgUnit> orgUnit(String unitId) {
    List<OrgUnit> units = queryUnits(" WHERE unit_id = ?", unitId);
    return units.isEmpty() ? Optional.empty() : Optional.of(units.get(0));
  }

  @Override
  public List<OrgUnit> orgUnits() {
    return queryUnits(" ORDER BY unit_id", null);
  }

  private List<OrgUnit> queryUnits(String where, String parameter) {
    String sql =
        "SELECT unit_id, name, parent_id, role, valid_from, valid_to, level FROM org_unit" + where;
    List<OrgUnit> units = new ArrayList<>();
    try (Connection c = dialect.connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (parameter != null) {
        ps.setString(1, parameter);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Date to = rs.getDate(6);
          units.add(
              new OrgUnit(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  UnitRole.fromCode(rs.getString(4)).orElse(null),
                  rs.getDate(5).toLocalDate(),
                  to == null ? null : to.toLocalDate(),
                  OrgLevel.fromCode(rs.getString(7)).orElse(null)));
        }
      }
    } catch (SQLException e) {
      throw failure("reading org units", e);
    }
    return units;
  }

  /** Whether a unit is one of {@code roots} or below one, by the org closure (closed units too). */
  @Override
  public boolean within(String unitId, java.util.Set<String> roots) {
    if (roots.isEmpty()) {
      return false;
    }
    String sql =
        "SELECT COUNT(*) FROM org_closure WHERE descendant_id = ? AND ancestor_id IN ("
            + String.join(", ", java.util.Collections.nCopies(roots.size(), "?"))
            + ")";
    List<Object> parameters = new ArrayList<>();
    parameters.add(unitId);
    parameters.addAll(roots);
    try (Connection c = dialect.connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, parameters);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw failure("placing an org unit in the org tree", e);
    }
  }

  /**
   * The org paths ({@code /ROOT/AREA/UNIT/}, as in the datasets' org path columns) of the given
   * units that exist.
   */
  public List<String> orgPaths(java.util.Set<String> units) {
    if (units.isEmpty()) {
      return List.of();
    }
    String sql =
        "SELECT '/' || STRING_AGG(ancestor_id, '/' ORDER BY depth DESC) || '/' FROM org_closure"
            + " WHERE descendant_id IN ("
            + String.join(", ", java.util.Collections.nCopies(units.size(), "?"))
            + ") GROUP BY descendant_id ORDER BY 1";
    List<String> paths = new ArrayList<>();
    try (Connection c = dialect.connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, new ArrayList<>(units));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          paths.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw failure("reading org paths", e);
    }
    return paths;
  }

  /** Rows per stored table, for status output. */
  public Map<String, Long> tableCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = dialect.connect();
        Statement s = c.createStatement()) {
      for (String table : List.of("org_unit", "goal", "followup")) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw failure("counting rows", e);
    }
    return counts;
  }

  @Override
  public void close() {
    dialect.close();
  }
}
