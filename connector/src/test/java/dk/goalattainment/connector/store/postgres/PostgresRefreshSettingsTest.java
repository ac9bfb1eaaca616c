package dk.goalattainment.connector.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The refresh's session settings (ADR 0022, 0025) change the plans of its own transaction only: a
 * step that hands a few hundred thousand rows on to the leader, like the counted follow-ups, runs
 * in parallel workers inside a refresh and on one core with the server's defaults.
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
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (String setting : dialect.refreshSettings()) {
        s.execute(setting);
      }

      assertThat(plan(s)).contains("Gather").contains("Parallel Seq Scan on sequence");
      c.rollback();
    }
  }

  @Test
  void theServersDefaultsKeepThemOnOneCoreOutsideARefresh() throws SQLException {
    try (Connection c = dialect.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (String setting : dialect.refreshSettings()) {
        s.execute(setting);
      }
      c.commit();

      assertThat(plan(s)).doesNotContain("Gather").contains("Seq Scan on sequence");
      c.rollback();
    }
  }

  private static String plan(Statement s) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rs = s.executeQuery(COUNTED)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
