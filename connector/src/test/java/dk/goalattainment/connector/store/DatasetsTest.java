package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.demo.DemoData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The materialised datasets on the demo data (DuckDB). The cube against the live engine, and the
 * incremental refresh against the full one, are in the store contract ({@link CubeContractTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetsTest {
  TestStore db;
  Definitions definitions;

  @BeforeAll
  void refreshDemoData(@TempDir Path dir) {
    db = new TestStore(dir);
    db.ingest(new DemoData(TestCatalogue.get(), 300, 7).batch());
    definitions =
        CheckedDefinitions.load(
                new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
            .definitions();
    new DatasetRefresher(db.store).refresh(definitions, step -> {});
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void everyFollowUpOfTheDrillDownIsCountedInTheCube() throws Exception {
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT COUNT(*) FROM ds_goal_followups WHERE period = '2020-Q2'),"
                    + " (SELECT goals_followed_up FROM ds_attainment WHERE period = '2020-Q2' AND"
                    + " via = 'authority' AND org_unit = 'AAK' AND target_group = '*' AND"
                    + " effect_goal = '*' AND life_theme = '*' AND goal_type = '*')")) {
      rs.next();
      assertThat(rs.getLong(1)).isPositive().isEqualTo(rs.getLong(2));
    }
  }

  @Test
  void theDatabaseStageFindsTheTablesValid() {
    assertThat(new DatasetRefresher(db.store).validate(definitions)).isEmpty();
  }

  @Test
  void noMaterialisedTableHoldsACprNumber() throws Exception {
    // The demo CPR numbers are synthetic; none may reach a table: check no 10-digit run exists.
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement()) {
      for (String table : List.of("ds_attainment", "ds_goal_followups", "ds_followup_compliance")) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              if (!"VARCHAR".equals(rs.getMetaData().getColumnTypeName(i))) {
                continue; // a CPR number would be text; figures are numbers of up to 12 decimals
              }
              String v = rs.getString(i);
              if (v != null) {
                assertThat(v)
                    .as(table)
                    .doesNotContainPattern("(?<![0-9a-f])\\d{6}-?\\d{4}(?![0-9a-f])");
              }
            }
          }
        }
      }
    }
  }
}
