package dk.goalattainment.connector.store.postgres;

import dk.goalattainment.connector.EmbeddedPostgresServer;
import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.store.BatchedInsertWriter;
import dk.goalattainment.connector.store.BulkWriter;
import dk.goalattainment.connector.store.JdbcStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

/**
 * Not a test: measures the two ways to bulk-load PostgreSQL that the dialect could use, on the
 * embedded test server, side by side in one run: {@link CopyWriter} (COPY FROM STDIN, CSV) and
 * {@link BatchedInsertWriter} (JDBC batches, {@code reWriteBatchedInserts=true}). Each writes
 * {@code rows} goal rows (14 columns, as the ingest stages them) into {@code stage_goal} in one
 * transaction, alternately, {@code rounds} times.
 *
 * <pre>
 * mvn -q -pl connector test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp connector/target/test-classes:connector/target/classes:$(cat connector/target/cp.txt) \
 *   dk.goalattainment.connector.store.postgres.BulkLoadComparison 1000000 3
 * </pre>
 */
public final class BulkLoadComparison {
  private static final List<String> COLUMNS =
      List.of(
          "row_no",
          "goal_id",
          "citizen_key",
          "target_group",
          "life_theme",
          "effect_goal",
          "goal_type",
          "baseline_score",
          "target_score",
          "set_date",
          "due_date",
          "authority_unit_id",
          "provider_unit_id",
          "age_band");

  private BulkLoadComparison() {}

  public static void main(String[] args) throws SQLException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String url = EmbeddedPostgresServer.createDatabase(BulkLoadComparison.class);
    try (PostgresDialect dialect = new PostgresDialect(url, EmbeddedPostgresServer.USER, null);
        JdbcStore store = new JdbcStore(dialect, TestCatalogue.get())) {
      for (int round = 1; round <= rounds; round++) {
        for (String kind : List.of("copy", "batched-insert")) {
          long nanos = load(dialect, kind, rows);
          System.out.printf(
              "round %d %-15s %,d rows in %,d ms = %,.0f rows/s%n",
              round, kind, rows, nanos / 1_000_000, rows / (nanos / 1e9));
        }
      }
    }
    System.exit(0);
  }

  private static long load(PostgresDialect dialect, String kind, int rows) throws SQLException {
    try (Connection c = dialect.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("TRUNCATE stage_goal");
      }
      c.setAutoCommit(false);
      LocalDate set = LocalDate.of(2019, 1, 1);
      long start = System.nanoTime();
      try (BulkWriter w =
          kind.equals("copy")
              ? new CopyWriter(c, "stage_goal", COLUMNS)
              : new BatchedInsertWriter(c, "stage_goal", COLUMNS)) {
        for (int i = 0; i < rows; i++) {
          w.append(
              (long) i + 1,
              "goal-" + i,
              "3f9c2b1a5d7e4c6b8a0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566" + (i % 10),
              "voksne_udsatte",
              "relationer",
              "NM",
              "progression",
              3 + i % 4,
              7 + i % 3,
              set.plusDays(i % 700),
              set.plusDays(i % 700 + 180),
              "SUV-M",
              i % 12 == 0 ? null : "SPN-BST",
              "30-49");
        }
      }
      c.commit();
      long nanos = System.nanoTime() - start;
      c.setAutoCommit(true);
      return nanos;
    }
  }
}
