package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.Fixture;
import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store knows the date its data runs to: the latest follow-up date, or {@code refresh --as-of}.
 * A period is complete when it ends on or before it; no rolling window ending later is
 * materialised; rolling windows are labelled and plotted at their last quarter.
 */
class CompletePeriodsTest {
  @TempDir Path dir;

  private static Definitions definitions() {
    return CheckedDefinitions.load(
            new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
        .definitions();
  }

  /** Follow-ups from 2020-02 to 2021-11-15: the data runs to 15 November 2021. */
  private static Fixture data() {
    return new Fixture()
        .unit("A", null, "myndighed")
        .goal("g1", Fixture.cpr(1), 3, 6, "A", null)
        .followUp("f1", "g1", "2020-02-01", 4)
        .goal("g2", Fixture.cpr(2), 3, 6, "A", null)
        .followUp("f2", "g2", "2021-11-15", 6);
  }

  private static Map<String, Object[]> periods(TestStore db) throws SQLException {
    Map<String, Object[]> rows = new LinkedHashMap<>();
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT period, period_complete, period_label, period_plot_date, period_ends_year,"
                    + " as_of FROM dim_period ORDER BY period")) {
      while (rs.next()) {
        rows.put(
            rs.getString(1),
            new Object[] {
              rs.getBoolean(2),
              rs.getString(3),
              rs.getObject(4, LocalDate.class),
              rs.getBoolean(5),
              rs.getObject(6, LocalDate.class)
            });
      }
    }
    return rows;
  }

  @Test
  void theLatestFollowUpDateDecidesWhichPeriodsAreComplete() throws SQLException {
    try (TestStore db = new TestStore(dir)) {
      db.ingest(data().batch());
      DatasetRefresher.Result result =
          new DatasetRefresher(db.store).refresh(definitions(), s -> {});
      assertThat(result.asOf()).isEqualTo(LocalDate.of(2021, 11, 15));

      Map<String, Object[]> p = periods(db);
      assertThat(p.get("2021-Q3")[0]).isEqualTo(true);
      assertThat(p.get("2021-Q4")[0]).isEqualTo(false);
      assertThat(p.get("2021")[0]).isEqualTo(false);
      assertThat(p.get("2020")[0]).isEqualTo(true);
      assertThat(p).containsKey("2021-Q3R4").doesNotContainKey("2021-Q4R4");
      assertThat(p.get("2021-Q3R4"))
          .containsExactly(
              true, "4 kvt. t.o.m. 2021 K3", LocalDate.of(2021, 7, 1), false, result.asOf());
      assertThat(p.get("2020-Q4R4")[3]).isEqualTo(true);
      assertThat(p.get("2021-Q2")[1]).isEqualTo("2021 K2");
      assertThat(p.get("2020")[2]).isEqualTo(LocalDate.of(2020, 1, 1));
      assertThat(
              distinct(
                  db,
                  "SELECT DISTINCT period || '=' || CAST(period_complete AS VARCHAR) FROM"
                      + " ds_attainment WHERE period IN ('2021', '2020-Q1')"))
          .containsExactlyInAnyOrder("2021=false", "2020-Q1=true");
      assertThat(distinct(db, "SELECT DISTINCT period FROM ds_attainment WHERE period LIKE '%R%'"))
          .doesNotContain("2021-Q4R4")
          .contains("2020-Q4R4");
    }
  }

  @Test
  void anAsOfDateCompletesTheYearTheDataRunsInto() throws SQLException {
    try (TestStore db = new TestStore(dir)) {
      db.ingest(data().batch());
      new DatasetRefresher(db.store).refresh(definitions(), LocalDate.of(2021, 12, 31), s -> {});

      Map<String, Object[]> p = periods(db);
      assertThat(p.get("2021")[0]).isEqualTo(true);
      assertThat(p.get("2021-Q4")[0]).isEqualTo(true);
      assertThat(p).containsKey("2021-Q4R4");
      assertThat(
              distinct(
                  db,
                  "SELECT DISTINCT CAST(period_complete AS VARCHAR) FROM ds_goal_followups WHERE"
                      + " period = '2021-Q4'"))
          .containsExactly("true");
    }
  }

  private static List<String> distinct(TestStore db, String sql) throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
