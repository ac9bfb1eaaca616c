package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.CubeLayout;
import dk.goalattainment.connector.core.engine.CubeSql;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.demo.DemoData;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subset step for a row-by-row database (PostgreSQL, ADR 0024) gives the same cube as the
 * default one: run here on DuckDB, once with each shape of the SQL, on the same data.
 */
class RowByRowSubsetsTest {
  private static final String CUBE_ORDER =
      "period, via, org_unit, target_group, effect_goal, life_theme, goal_type";

  private final Definitions definitions =
      CheckedDefinitions.load(
              new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
          .definitions();

  @TempDir Path vectorDir;
  @TempDir Path rowDir;

  @Test
  void theRowByRowSubsetStepGivesTheSameCubeAsTheDefaultOne() throws SQLException {
    List<String> vector = cube(new DuckDbDialect(vectorDir.resolve("test.duckdb")));
    List<String> rowByRow = cube(new RowByRowDuckDb(rowDir.resolve("test.duckdb")));

    assertThat(rowByRow).hasSizeGreaterThan(5_000);
    assertThat(rowByRow).containsExactlyElementsOf(vector);
  }

  @Test
  void onlyTheRowByRowDialectGetsTheOtherShapeOfTheSubsetStep() {
    try (DuckDbDialect vector = new DuckDbDialect(vectorDir.resolve("test.duckdb"));
        DuckDbDialect rowByRow = new RowByRowDuckDb(rowDir.resolve("test.duckdb"))) {
      assertThat(vector.evaluatesRowByRow()).isFalse();
      assertThat(subsetStep(vector)).contains("CASE WHEN s.p1 = 1").doesNotContain(" AS jc");
      assertThat(subsetStep(rowByRow)).contains(" AS jc").doesNotContain("CASE WHEN s.p1 = 1");
    }
  }

  private static String subsetStep(SqlDialect dialect) {
    var layout = new CubeLayout(3, 2, 4, 2, 6);
    return new CubeSql(layout, dialect, Map.of())
        .measures().stream()
            .filter(s -> "e_sets".equals(s.table()))
            .findFirst()
            .orElseThrow()
            .sql();
  }

  /** Ingests the contract's demo data, refreshes in full, and reads the cube's rows in order. */
  private List<String> cube(SqlDialect dialect) throws SQLException {
    try (TestStore db = new TestStore(dialect)) {
      db.ingest(new DemoData(TestCatalogue.get(), 120, 7).batch());
      new DatasetRefresher(db.store)
          .refresh(definitions, new DatasetRefresher.Request(true, null), RefreshListener.NONE);
      List<String> rows = new ArrayList<>();
      try (Connection c = db.store.dialect().connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM ds_attainment ORDER BY " + CUBE_ORDER)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(rs.getString(i)).append('|');
          }
          rows.add(row.toString());
        }
      }
      return rows;
    }
  }

  /** DuckDB told to take the row-by-row shape of the engine's SQL. */
  private static final class RowByRowDuckDb extends DuckDbDialect {
    RowByRowDuckDb(Path file) {
      super(file);
    }

    @Override
    public boolean evaluatesRowByRow() {
      return true;
    }
  }
}
