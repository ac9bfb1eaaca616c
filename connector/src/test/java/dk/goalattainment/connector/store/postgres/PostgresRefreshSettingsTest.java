package dk.goalattainment.connector.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.EmbeddedPostgresServer;
import dk.goalattainment.connector.core.engine.CubeStep;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The refresh's session settings (ADR 0022, 0025) change the plans of its own transaction only: a
 * step that hands a few hundred thousand rows on to the leader, like the counted follow-ups, runs
 * in parallel workers inside a refresh and on one core with the server's defaults. A {@code CREATE
 * TABLE … AS} reports its rows, so the refresh does not count them again.
 */
class PostgresRefreshSettingsTest {
  /** A {@code CREATE TABLE AS} shaped like the counted follow-ups: a sequence joined to periods. */
  private static final String COUNTED =
      "EXPLAIN CREATE UNLOGGED TABLE counted AS SELECT p.pid, x.gno, x.score FROM sequence x"
          + " JOIN periods p ON p.qk = x.qk WHERE x.next_qk IS NULL OR x.next_qk > p.end_qk";

  private static PostgresDialect dialect;

  @BeforeAll
  static void aSequenceOfHalfAMillionFollowUps() throws SQLException {
    dialect =
        new PostgresDialect(
            EmbeddedPostgresServer.createDatabase(PostgresRefreshSettingsTest.class),
            EmbeddedPostgresServer.USER,
            null,
            2);
    try (Connection c = dialect.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE sequence AS SELECT i AS gno, i % 40 AS qk, CASE WHEN i % 3 = 0 THEN NULL"
              + " ELSE i % 40 + 1 END AS next_qk, i % 7 AS score FROM generate_series(1, 500000) i");
      s.execute(
          "CREATE TABLE periods AS SELECT q AS qk, q AS pid, q + k AS end_qk FROM"
              + " generate_series(0, 39) q, generate_series(0, 2) k");
      s.execute("ANALYZE sequence");
      s.execute("ANALYZE periods");
    }
  }

  @AfterAll
  static void close() {
    dialect.close();
  }

  @Test
  void theCountedFollowUpsArePlannedInParallelInsideARefresh() throws SQLException {
    try (Connection c = dialect.connect();
        Statement s = refreshTransaction(c)) {
      assertThat(plan(s)).contains("Gather").contains("Parallel Seq Scan on sequence");
      c.rollback();
    }
  }

  @Test
  void theServersDefaultsKeepThemOnOneCoreOutsideARefresh() throws SQLException {
    try (Connection c = dialect.connect();
        Statement s = refreshTransaction(c)) {
      c.commit();

      assertThat(plan(s)).doesNotContain("Gather").contains("Seq Scan on sequence");
      c.rollback();
    }
  }

  @Test
  void aCreateTableAsReportsTheRowsItWroteSoTheRefreshNeedNotCountThem() throws SQLException {
    try (Connection c = dialect.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(
          dialect.createTableAs(
              "counted",
              CubeStep.TableKind.TEMPORARY,
              "SELECT p.pid, x.gno FROM sequence x JOIN periods p ON p.qk = x.qk"));

      assertThat(dialect.reportsCreatedRows()).isTrue();
      assertThat(s.getLargeUpdateCount()).isEqualTo(1_500_000L);
      c.rollback();
    }
  }

  @Test
  void theEngineTablesHashThePseudonymsNotTheCodedGoals() throws SQLException {
    try (Connection c = dialect.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(
          "CREATE TABLE goals AS SELECT i AS goal_id, 'c' || (i / 2) AS citizen_key, 't' || (i % 5)"
              + " AS tg, 'e' || (i % 3) AS eg, 'l' || (i % 13) AS lt, 'y' || (i % 3) AS gt FROM"
              + " generate_series(1, 20000) i");
      s.execute("CREATE TABLE citizens AS SELECT DISTINCT citizen_key, 0 AS cno FROM goals");
      s.execute(
          "CREATE TABLE codes AS SELECT 'target_group' AS dimension, 't' || i AS code, i AS id"
              + " FROM generate_series(0, 4) i UNION ALL SELECT 'effect_goal', 'e' || i, i FROM"
              + " generate_series(0, 2) i UNION ALL SELECT 'life_theme', 'l' || i, i FROM"
              + " generate_series(0, 12) i UNION ALL SELECT 'goal_type', 'y' || i, i FROM"
              + " generate_series(0, 2) i");
      s.execute("ANALYZE goals; ANALYZE citizens; ANALYZE codes");
      String coded =
          "EXPLAIN SELECT g.goal_id, c.cno, ctg.id, ceg.id, clt.id, cgt.id FROM goals g"
              + " JOIN citizens c ON c.citizen_key = g.citizen_key"
              + " JOIN codes ctg ON ctg.dimension = 'target_group' AND ctg.code = g.tg"
              + " JOIN codes ceg ON ceg.dimension = 'effect_goal' AND ceg.code = g.eg"
              + " JOIN codes clt ON clt.dimension = 'life_theme' AND clt.code = g.lt"
              + " JOIN codes cgt ON cgt.dimension = 'goal_type' AND cgt.code = g.gt";
      assertThat(hashed(s, coded)).as("the server's join order").doesNotContain("citizens");

      for (String sql : dialect.beforeCreate("engine_goal", CubeStep.TableKind.ENGINE)) {
        s.execute(sql);
      }
      assertThat(hashed(s, coded)).contains("citizens");
      c.rollback();
    }
  }

  /** A statement in a transaction with the refresh's settings, as a refresh runs its steps. */
  private static Statement refreshTransaction(Connection c) throws SQLException {
    c.setAutoCommit(false);
    Statement s = c.createStatement();
    for (String setting : dialect.refreshSettings()) {
      s.execute(setting);
    }
    return s;
  }

  /** The lines of a plan. */
  private static List<String> lines(Statement s, String explain) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(explain)) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return lines;
  }

  /** The tables a plan builds hash tables of. */
  private static String hashed(Statement s, String explain) throws SQLException {
    List<String> lines = lines(s, explain);
    StringBuilder hashed = new StringBuilder();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).trim().startsWith("->  Hash  ")) {
        hashed.append(lines.get(i + 1).replaceAll(".*Scan on (\\w+).*", "$1")).append(' ');
      }
    }
    return hashed.toString();
  }

  private static String plan(Statement s) throws SQLException {
    return String.join("\n", lines(s, COUNTED));
  }
}
