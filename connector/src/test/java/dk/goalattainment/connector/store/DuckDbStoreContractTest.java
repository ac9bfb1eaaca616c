package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The store contract on DuckDB (an embedded file per test). */
class DuckDbStoreContractTest {
  @Nested
  class Ingest extends IngestTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.DUCKDB;
    }

    @Test
    void keepsNoCprNumberInTheDatabaseFile() throws Exception {
      ingestGoalsOfKnownCprNumbers();
      db.close();

      String text = new String(Files.readAllBytes(db.file), StandardCharsets.ISO_8859_1);
      for (String cpr : KNOWN_CPRS) {
        assertThat(text).doesNotContain(cpr);
        for (String form : storedForms(cpr)) {
          assertThat(text).doesNotContain(form);
        }
      }
      Path wal = Path.of(db.file + ".wal");
      if (Files.exists(wal)) {
        String walText = new String(Files.readAllBytes(wal), StandardCharsets.ISO_8859_1);
        for (String cpr : KNOWN_CPRS) {
          assertThat(walText).doesNotContain(cpr.replace("-", ""));
        }
      }
      db = openEmptyStore(); // reopen for the @AfterEach
    }

    @Test
    void stagesInTheIngestsOwnTemporaryTablesAndDropsTheFilesOldOnes() throws Exception {
      db.close();
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db.file);
          java.sql.Statement s = c.createStatement()) {
        s.execute("CREATE TABLE stage_goal (row_no BIGINT, goal_id VARCHAR)");
        s.execute("INSERT INTO stage_goal VALUES (1, 'left over')");
      }
      db = new dk.goalattainment.connector.TestStore(dir);

      db.ingest(dk.goalattainment.connector.WorkedExample.batch());

      try (java.sql.Connection c = db.store.dialect().connect();
          java.sql.Statement s = c.createStatement();
          java.sql.ResultSet rs =
              s.executeQuery(
                  "SELECT COUNT(*) FROM information_schema.tables"
                      + " WHERE table_name LIKE 'stage%'")) {
        rs.next();
        assertThat(rs.getLong(1)).as("stage tables visible outside an ingest").isZero();
      }
      assertThat(db.store.tableCounts()).containsEntry("goal", 5L);
    }
  }

  @Nested
  class BulkLoading extends BulkLoadingTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.DUCKDB;
    }
  }

  @Nested
  class MetricRules extends MetricRulesTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.DUCKDB;
    }
  }

  @Nested
  class WorkedExample extends WorkedExampleTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.DUCKDB;
    }
  }

  @Nested
  class StoredDataGuard extends StoredDataGuardTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.DUCKDB;
    }
  }

  @Nested
  class Cube extends CubeContractTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.DUCKDB;
    }
  }

  @Nested
  class Slices extends SlicesTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.DUCKDB;
    }
  }
}
