package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.EmbeddedPostgresServer;
import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestDatabase;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.demo.DemoData;
import dk.goalattainment.connector.store.postgres.PostgresDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL 14: a real server ({@link
 * dk.goalattainment.connector.EmbeddedPostgresServer}, started once per test JVM), a database per
 * test class.
 */
class PostgresStoreContractTest {
  @Nested
  class Ingest extends IngestTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.POSTGRES;
    }

    /** The PostgreSQL counterpart of DuckDB's file scan: every column of every table, as text. */
    @Test
    void keepsNoCprNumberInAnyTable() throws Exception {
      ingestGoalsOfKnownCprNumbers();

      try (Connection c = db.store.dialect().connect();
          Statement s = c.createStatement()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery(
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()"
                    + " ORDER BY tablename")) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
        assertThat(tables).contains("goal", "followup", "org_unit", "stage_goal");
        assertThat(db.store.tableCounts()).containsEntry("goal", 3L);
        for (String table : tables) {
          // t::text is the whole row as text: every column, whatever its type.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM " + table + " t WHERE strpos(t::text, ?) > 0")) {
            for (String cpr : KNOWN_CPRS) {
              for (String form : storedForms(cpr)) {
                ps.setString(1, form);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  assertThat(rs.getLong(1)).as(table + " holding a CPR number").isZero();
                }
              }
            }
          }
        }
      }
    }
  }

  @Nested
  class BulkLoading extends BulkLoadingTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.POSTGRES;
    }
  }

  @Nested
  class MetricRules extends MetricRulesTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.POSTGRES;
    }
  }

  @Nested
  class WorkedExample extends WorkedExampleTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.POSTGRES;
    }
  }

  @Nested
  class StoredDataGuard extends StoredDataGuardTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.POSTGRES;
    }
  }

  @Nested
  class Cube extends CubeContractTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.POSTGRES;
    }
  }

  @Nested
  class SameBytes extends SameBytesTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.POSTGRES;
    }
  }

  @Nested
  class Slices extends SlicesTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.POSTGRES;
    }

    /** Beyond the shared contract: the very same figures as DuckDB, slice by slice. */
    @Test
    void givesTheSameFiguresAsDuckDbForEverySlice() {
      try (TestStore duckDb = new TestStore(TestDatabase.DUCKDB.open(getClass(), dir))) {
        duckDb.ingest(new DemoData(TestCatalogue.get(), CITIZENS, SEED).batch());
        int compared = 0;
        for (String period : PERIODS) {
          for (Via via : Via.values()) {
            for (Grouping grouping : Grouping.values()) {
              ReportRequest request =
                  new ReportRequest(
                      Period.tryParse(period).orElseThrow(), ORG, via, grouping, Filters.NONE);
              Report expected = duckDb.store.report(request);
              Report actual = db.store.report(request);
              String what = period + " " + via + " " + grouping;

              assertThat(actual.rows()).as(what).hasSameSizeAs(expected.rows());
              for (int i = 0; i < expected.rows().size(); i++) {
                assertThat(actual.rows().get(i).group()).isEqualTo(expected.rows().get(i).group());
                assertSameFigures(expected.rows().get(i), actual.rows().get(i), what);
                compared++;
              }
            }
          }
        }
        assertThat(compared).isGreaterThan(40);
      }
    }
  }

  /** PostgreSQL only: the schema is prepared again over stored data at every start. */
  @Nested
  class Schema extends AbstractStoreContractTest {
    @Override
    protected TestDatabase database() {
      return TestDatabase.POSTGRES;
    }

    @Test
    void reopeningTheStoreKeepsItsDataAndSchema() throws SQLException {
      db.ingest(dk.goalattainment.connector.WorkedExample.batch());
      String url;
      try (Connection c = db.store.dialect().connect()) {
        url = c.getMetaData().getURL();
      }
      db.close();

      db = new TestStore(new PostgresDialect(url, EmbeddedPostgresServer.USER, null, 2));

      assertThat(db.store.tableCounts())
          .isEqualTo(Map.of("org_unit", 4L, "goal", 5L, "followup", 5L));
      assertThat(db.report("2018-Q4", "FBU", Via.AUTHORITY, Grouping.NONE).rows()).hasSize(1);
    }

    /**
     * docs/POSTGRES.md §3 gives Superset's reader SELECT on every table created after {@code init}
     * (the refresh re-creates the datasets); the refresh's own state (pseudonyms, per-goal facts),
     * created by a full refresh too, stays the connector's.
     */
    @Test
    void supersetsReaderSeesTheDatasetsButNotTheRefreshState() throws SQLException {
      String reader = "reader_" + Long.toHexString(System.nanoTime());
      try (Connection c = db.store.dialect().connect();
          Statement s = c.createStatement()) {
        s.execute("CREATE ROLE " + reader);
        s.execute("GRANT USAGE ON SCHEMA public TO " + reader);
        s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + reader);
      }
      try {
        db.ingest(dk.goalattainment.connector.WorkedExample.batch());
        new DatasetRefresher(db.store)
            .refresh(
                dk.goalattainment.connector.definitions.CheckedDefinitions.load(
                        new dk.goalattainment.connector.definitions.DefinitionFiles(
                            TestCatalogue.definitionsDir()),
                        TestCatalogue.get())
                    .definitions(),
                line -> {});

        List<String> readable = new ArrayList<>();
        try (Connection c = db.store.dialect().connect();
            PreparedStatement ps =
                c.prepareStatement(
                    "SELECT DISTINCT table_name FROM information_schema.role_table_grants"
                        + " WHERE grantee = ? ORDER BY 1")) {
          ps.setString(1, reader);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              readable.add(rs.getString(1));
            }
          }
        }
        assertThat(readable)
            .contains("dim_period", "dim_org_unit", "ds_attainment", "ds_goal_followups")
            .allMatch(t -> t.startsWith("ds_") || t.startsWith("dim_"), "a dataset table");
      } finally {
        try (Connection c = db.store.dialect().connect();
            Statement s = c.createStatement()) {
          s.execute("DROP OWNED BY " + reader);
          s.execute("DROP ROLE " + reader);
        }
      }
    }
  }
}
