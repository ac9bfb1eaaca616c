package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestDatabase;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.Datasets;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.demo.DemoData;
import dk.goalattainment.connector.formats.CsvTables;
import dk.goalattainment.connector.formats.ReportFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Same data, same bytes (issue 13.6): reports and dataset exports are byte-identical across runs
 * and across DuckDB and PostgreSQL, because every figure is computed from exact integer sums by one
 * fixed formula and rounded to a fixed precision. Runs on PostgreSQL with a DuckDB store beside it.
 */
abstract class SameBytesTest extends AbstractStoreContractTest {
  final Definitions definitions =
      CheckedDefinitions.load(
              new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
          .definitions();

  private static final List<ReportRequest> REQUESTS =
      List.of(
          new ReportRequest(Period.year(2020), "SOC", Via.AUTHORITY, Grouping.LIFE_THEME),
          new ReportRequest(Period.quarter(2021, 2), "FBU", Via.PROVIDER, Grouping.ORG_CHILD),
          new ReportRequest(Period.rolling(2021, 4, 4), "AAK", Via.AUTHORITY, Grouping.GOAL_TYPE),
          new ReportRequest(Period.year(2019), "SUV", Via.AUTHORITY, Grouping.AGE_BAND));

  private String reports(TestStore store) {
    StringBuilder sb = new StringBuilder();
    for (ReportRequest r : REQUESTS) {
      sb.append(ReportFormats.csv(store.store.report(r)));
    }
    return sb.toString();
  }

  private String export(TestStore store) {
    DatasetDefinition attainment = definitions.dataset("attainment").orElseThrow();
    Datasets.Page page =
        new DatasetQueries(store.store)
            .rows(attainment, Map.of("period", List.of("2019", "2020-Q3", "2021-Q2R4")), 0, 50_000);
    List<String> columns = new ArrayList<>(page.rows().get(0).keySet());
    return CsvTables.toString(columns, page.rows());
  }

  private void refresh(TestStore store) {
    new DatasetRefresher(store.store)
        .refresh(definitions, new DatasetRefresher.Request(true), RefreshListener.NONE);
  }

  @Test
  void reportsAndExportsAreByteIdenticalAcrossRunsAndDatabases() {
    db.ingest(new DemoData(TestCatalogue.get(), 300, 7).batch());
    refresh(db);
    String pgReports = reports(db);
    String pgExport = export(db);
    try (TestStore duck = new TestStore(TestDatabase.DUCKDB.open(getClass(), dir))) {
      duck.ingest(new DemoData(TestCatalogue.get(), 300, 7).batch());
      refresh(duck);
      String duckReports = reports(duck);
      String duckExport = export(duck);
      refresh(duck);

      assertThat(reports(duck)).as("a second run").isEqualTo(duckReports);
      assertThat(export(duck)).as("a second refresh").isEqualTo(duckExport);
      assertThat(pgReports).as("PostgreSQL against DuckDB").isEqualTo(duckReports);
      assertThat(pgExport).as("PostgreSQL against DuckDB").isEqualTo(duckExport);
      assertThat(duckExport.lines().count()).isGreaterThan(5_000);
      assertThat(duckReports.lines().count()).isGreaterThan(20);
    }
  }
}
