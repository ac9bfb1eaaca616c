package dk.goalattainment.connector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.cli.CliRunner;
import dk.goalattainment.connector.dashboards.OrgShapes;
import dk.goalattainment.connector.factsheet.FactSheetData;
import dk.goalattainment.connector.store.DatasetRefresher;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open data publishes org levels chosen by the units' level codes, never by their depth: a tree
 * rooted at the department (domain.md §5) publishes its department and operating areas, as a
 * municipality-rooted tree does, and no provider or authority unit slips in one level too deep.
 */
class OpenDataLevelsTest {
  @TempDir Path dir;

  @Test
  void aDepartmentRootPublishesTheDepartmentAndItsOperatingAreasByDefault() throws Exception {
    List<CSVRecord> rows = export(OrgShapes.DEPARTMENT_ROOT);

    assertThat(column(rows, "org_level")).containsExactly("driftsomraade", "forvaltning");
    assertThat(column(rows, "org_unit")).containsExactly("FBU", "SOC", "SUV");
  }

  @Test
  void aMunicipalityRootPublishesTheMunicipalityDepartmentAndOperatingAreasByDefault()
      throws Exception {
    List<CSVRecord> rows = export(OrgShapes.MUNICIPALITY_WITH_TEAMS);

    assertThat(column(rows, "org_level"))
        .containsExactly("driftsomraade", "forvaltning", "kommune");
    assertThat(column(rows, "org_unit")).containsExactly("AAK", "FBU", "SOC", "SUV");
  }

  @Test
  void unitsArePublishedOnlyWhenAskedForByTheirLevelCode() throws Exception {
    List<CSVRecord> rows = export(OrgShapes.DEPARTMENT_ROOT, "--levels", "enhed");

    assertThat(column(rows, "org_level")).containsExactly("enhed");
    assertThat(column(rows, "org_unit")).contains("BC", "FBU-M").doesNotContain("FBU", "SOC");
  }

  @Test
  void aDepthOrAnUnknownLevelIsRefusedNamingTheLevelCodes() throws Exception {
    Path db = store(OrgShapes.NO_TEAMS);
    var run =
        CliRunner.run(
            "opendata",
            "export",
            "--db",
            db.toString(),
            "--out",
            dir.resolve("o").toString(),
            "--levels",
            "1");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err())
        .contains("--levels takes the org level codes")
        .contains("kommune, forvaltning, driftsomraade, enhed, team");
  }

  private List<CSVRecord> export(OrgShapes shape, String... more) throws Exception {
    Path db = store(shape);
    Path out = dir.resolve("out-" + shape);
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "opendata",
                "export",
                "--db",
                db.toString(),
                "--out",
                out.toString(),
                "--periods",
                "2020"));
    args.addAll(List.of(more));
    var run = CliRunner.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    try (Reader r = Files.newBufferedReader(out.resolve("attainment.csv"))) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(r)
          .getRecords();
    }
  }

  private Path store(OrgShapes shape) throws Exception {
    Path db = dir.resolve(shape + ".duckdb");
    try (TestStore store =
        new TestStore(new dk.goalattainment.connector.store.duckdb.DuckDbDialect(db))) {
      store.ingest(shape.batch());
      new DatasetRefresher(store.store).refresh(FactSheetData.definitions(), s -> {});
    }
    return db;
  }

  private static Set<String> column(List<CSVRecord> rows, String name) {
    Set<String> values = new TreeSet<>();
    rows.forEach(r -> values.add(r.get(name)));
    return values;
  }
}
