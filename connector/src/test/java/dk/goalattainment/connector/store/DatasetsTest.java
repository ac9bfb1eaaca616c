package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.demo.DemoData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The materialised datasets against the live engine, on the demo data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetsTest {
  TestStore db;
  Definitions definitions;
  CubeReports cube;

  @BeforeAll
  void refreshDemoData(@TempDir Path dir) {
    db = new TestStore(dir);
    db.ingest(new DemoData(TestCatalogue.get(), 300, 7).batch());
    definitions =
        CheckedDefinitions.load(
                new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
            .definitions();
    new DatasetRefresher(db.store).refresh(definitions, step -> {});
    cube = new CubeReports(db.store, "ds_attainment");
  }

  @AfterAll
  void close() {
    db.close();
  }

  private static final Set<ReportColumn> NOT_FIGURES =
      EnumSet.of(ReportColumn.GROUP_LABEL, ReportColumn.PERIOD, ReportColumn.GROUPING);

  private void assertSameFigures(ReportRequest request) {
    Report live = db.store.report(request);
    Report fromCube = cube.report(request).orElseThrow();
    assertThat(fromCube.rows())
        .extracting(ReportRow::group)
        .as(request.toString())
        .containsExactlyElementsOf(live.rows().stream().map(ReportRow::group).toList());
    for (int i = 0; i < live.rows().size(); i++) {
      ReportRow a = live.rows().get(i);
      ReportRow b = fromCube.rows().get(i);
      for (ReportColumn c : ReportColumn.values()) {
        if (NOT_FIGURES.contains(c)) {
          continue;
        }
        String what = request + " group " + a.group() + " column " + c.id();
        Object x = a.get(c);
        Object y = b.get(c);
        // the same integer sums and the same formulas: the same value, to the last bit
        assertThat(y).as(what).isEqualTo(x);
      }
    }
  }

  @Test
  void theCubeHoldsTheLiveEnginesFiguresForEverySlice() {
    List<ReportRequest> requests = new ArrayList<>();
    for (String period : List.of("2019", "2020-Q3", "2021-Q2R4", "2018-Q1")) {
      for (String org : List.of("AAK", "FBU", "SUV", "BC", "MC", "VH-M")) {
        for (Via via : Via.values()) {
          for (Grouping g : Grouping.values()) {
            if (g != Grouping.AGE_BAND) {
              requests.add(new ReportRequest(Period.tryParse(period).orElseThrow(), org, via, g));
            }
          }
        }
      }
    }
    requests.add(
        new ReportRequest(
            Period.year(2020),
            "SOC",
            Via.AUTHORITY,
            Grouping.GOAL_TYPE,
            new Filters("NM", null, "boern_unge_udsatte", null, null)));
    requests.add(
        new ReportRequest(
            Period.year(2020),
            "SOC",
            Via.PROVIDER,
            Grouping.TARGET_GROUP,
            new Filters(null, "relationer", null, "progression", null)));
    int nonEmpty = 0;
    for (ReportRequest r : requests) {
      assertSameFigures(r);
      nonEmpty += db.store.report(r).rows().isEmpty() ? 0 : 1;
    }
    assertThat(nonEmpty).as("most slices have data").isGreaterThan(requests.size() / 2);
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
