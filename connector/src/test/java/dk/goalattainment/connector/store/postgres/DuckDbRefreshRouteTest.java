package dk.goalattainment.connector.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.EmbeddedPostgresServer;
import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.demo.DemoData;
import dk.goalattainment.connector.store.DatasetRefresher;
import dk.goalattainment.connector.store.RefreshListener;
import dk.goalattainment.connector.store.duckdb.DuckDbSettings;
import dk.goalattainment.connector.store.postgres.PostgresDialect.RefreshEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full refresh computed in DuckDB and copied into PostgreSQL (ADR 0027) leaves exactly what
 * PostgreSQL's own SQL leaves: every table, view and index with the same columns, types and rows,
 * also for text with commas, quotes, line breaks, Danish letters and the empty string; it leaves no
 * scratch file behind; a failure names its stage and keeps the datasets of the refresh before.
 */
class DuckDbRefreshRouteTest {
  private static final Definitions DEFINITIONS =
      CheckedDefinitions.load(
              new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
          .definitions();

  private static String url;
  private static TestStore db;

  @TempDir static Path scratch;

  @BeforeAll
  static void aStoreWithDemoDataAndAwkwardUnitNames() throws SQLException {
    url = EmbeddedPostgresServer.createDatabase(DuckDbRefreshRouteTest.class);
    db = new TestStore(dialect(RefreshEngine.POSTGRES, scratch));
    db.ingest(new DemoData(TestCatalogue.get(), 120, 11).batch());
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement()) {
      List<String> units = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT unit_id FROM org_unit ORDER BY unit_id")) {
        while (rs.next()) {
          units.add(rs.getString(1));
        }
      }
      String[] names = {
        "Børn, Unge & Familie", "\"Ældre\" i Århus", "Linje et\nlinje to", "", "NULL", " , "
      };
      for (int i = 0; i < names.length && i < units.size(); i++) {
        s.execute(
            "UPDATE org_unit SET name = '"
                + names[i].replace("'", "''")
                + "' WHERE unit_id = '"
                + units.get(i)
                + "'");
      }
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static PostgresDialect dialect(RefreshEngine engine, Path temp) {
    return new PostgresDialect(
        url,
        EmbeddedPostgresServer.USER,
        null,
        2,
        Duration.ofSeconds(5),
        engine,
        new DuckDbSettings("512MB", 2, temp));
  }

  private static DatasetRefresher.Result fullRefresh(PostgresDialect dialect) {
    try (TestStore store = new TestStore(dialect)) {
      return new DatasetRefresher(store.store)
          .refresh(DEFINITIONS, new DatasetRefresher.Request(true), RefreshListener.NONE);
    }
  }

  @Test
  void leavesTheSameTablesTypesAndRowsAsPostgresOwnSql() throws SQLException {
    DatasetRefresher.Result own = fullRefresh(dialect(RefreshEngine.POSTGRES, scratch));
    Map<String, List<String>> expected = everythingTheRefreshLeaves();

    DatasetRefresher.Result computed = fullRefresh(dialect(RefreshEngine.DUCKDB, scratch));
    Map<String, List<String>> actual = everythingTheRefreshLeaves();

    assertThat(computed.rows()).isEqualTo(own.rows());
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String what : expected.keySet()) {
      assertThat(actual.get(what)).as(what).isEqualTo(expected.get(what));
    }
    assertThat(expected.get("columns")).anyMatch(c -> c.contains("double precision"));
    assertThat(expected.get("rows of ds_followup_compliance"))
        .anyMatch(r -> r.contains("Børn, Unge & Familie"))
        .anyMatch(r -> r.contains("Linje et\nlinje to"));
  }

  @Test
  void anIncrementalRefreshBuildsOnWhatItLeaves() {
    fullRefresh(dialect(RefreshEngine.DUCKDB, scratch));
    try (TestStore store = new TestStore(dialect(RefreshEngine.DUCKDB, scratch))) {
      DatasetRefresher.Result next =
          new DatasetRefresher(store.store)
              .refresh(DEFINITIONS, DatasetRefresher.Request.DEFAULT, RefreshListener.NONE);
      assertThat(next.kind()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
    }
  }

  @Test
  void leavesNoScratchFileBehind() throws Exception {
    Path temp = Files.createDirectory(scratch.resolve("after-success"));
    List<String> stages = new ArrayList<>();

    try (TestStore store = new TestStore(dialect(RefreshEngine.DUCKDB, temp))) {
      new DatasetRefresher(store.store)
          .refresh(
              DEFINITIONS,
              new DatasetRefresher.Request(true),
              new RefreshListener() {
                @Override
                public void finished(String stage, long rows, Duration took) {
                  stages.add(stage);
                }
              });
    }

    assertThat(stages).contains("copy out", "load into DuckDB", "copy in", "commit");
    try (var files = Files.list(temp)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void aFailureNamesItsStageAndKeepsTheDatasetsOfTheRefreshBefore() throws Exception {
    fullRefresh(dialect(RefreshEngine.POSTGRES, scratch));
    Map<String, List<String>> before = everythingTheRefreshLeaves();
    Path notADirectory = Files.writeString(scratch.resolve("a-file"), "x");

    assertThatThrownBy(() -> fullRefresh(dialect(RefreshEngine.DUCKDB, notADirectory)))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("scratch directory");
    assertThat(everythingTheRefreshLeaves()).isEqualTo(before);
  }

  /**
   * The columns (name, type, nullability) of every table and view, its persistence, the views'
   * definitions, the indexes, and the rows of every dataset, dimension and engine table as text.
   */
  private static Map<String, List<String>> everythingTheRefreshLeaves() throws SQLException {
    Map<String, List<String>> all = new LinkedHashMap<>();
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement()) {
      all.put(
          "columns",
          lines(
              s,
              "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
                  + " || ' ' || ordinal_position FROM information_schema.columns WHERE table_schema"
                  + " = current_schema() ORDER BY 1"));
      all.put(
          "tables",
          lines(
              s,
              "SELECT relname || ' ' || relkind || ' ' || relpersistence || ' ' ||"
                  + " COALESCE(relacl::text, '') FROM pg_class WHERE relnamespace ="
                  + " current_schema()::regnamespace AND relkind IN ('r', 'v', 'i') ORDER BY 1"));
      all.put(
          "views",
          lines(
              s,
              "SELECT viewname || ' ' || definition FROM pg_views WHERE schemaname ="
                  + " current_schema() ORDER BY 1"));
      all.put(
          "indexes",
          lines(
              s, "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1"));
      for (String table :
          lines(
              s,
              "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND (tablename"
                  + " LIKE 'ds\\_%' OR tablename LIKE 'dim\\_%' OR tablename LIKE 'engine\\_%')"
                  + " ORDER BY 1")) {
        all.put("rows of " + table, lines(s, "SELECT t::text FROM " + table + " t ORDER BY 1"));
      }
    }
    return all;
  }

  private static List<String> lines(Statement s, String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return lines;
  }
}
