package dk.goalattainment.connector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.cli.CliRunner;
import dk.goalattainment.connector.core.disclosure.DisclosureAudit;
import dk.goalattainment.connector.core.disclosure.SuppressionReason;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.demo.DemoData;
import dk.goalattainment.connector.store.DatasetRefresher;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The open-data export on the demo data: what is published, what is withheld, the metadata. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenDataExportTest {
  Path db;
  Path out;
  List<CSVRecord> rows;

  @BeforeAll
  void exportTheDemoData(@TempDir Path dir) throws Exception {
    db = dir.resolve("open.duckdb");
    out = dir.resolve("out");
    try (TestStore store = new TestStore(new DuckDbDialect(db))) {
      store.ingest(new DemoData(TestCatalogue.get(), 400, 3).batch());
      new DatasetRefresher(store.store)
          .refresh(
              CheckedDefinitions.load(
                      new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
                  .definitions(),
              s -> {});
    }
    var run =
        CliRunner.run(
            "opendata",
            "export",
            "--db",
            db.toString(),
            "--out",
            out.toString(),
            "--periods",
            "year,2021-Q4");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("withheld below K (primary)");
    try (Reader r = Files.newBufferedReader(out.resolve("attainment.csv"))) {
      rows =
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(r)
              .getRecords();
    }
  }

  @Test
  void writesEveryFormatAndTheMetadata() {
    for (String f :
        List.of(
            "attainment.csv",
            "attainment.json",
            "attainment.parquet",
            "catalog.jsonld",
            "metode.md")) {
      assertThat(out.resolve(f)).isNotEmptyFile();
    }
  }

  @Test
  void theCsvHasTheStableColumnsAndNoCitizenLevelData() throws Exception {
    String header = Files.readAllLines(out.resolve("attainment.csv")).get(0);

    assertThat(header)
        .startsWith(
            "period,via,org_unit,parent_org_unit,effect_goal,life_theme,target_group,goal_type,"
                + "citizens,goals_followed_up,goals_met,goal_attainment_avg,goals_met_share,"
                + "suppressed,suppression_reason");
    assertThat(header).doesNotContain("citizen_key").doesNotContain("date");
    assertThat(rows).isNotEmpty();
    assertThat(rows)
        .extracting(r -> r.get("period"))
        .allMatch(p -> Set.of("2018", "2019", "2020", "2021", "2022", "2021-Q4").contains(p));
    for (CSVRecord r : rows) {
      for (String field : r) {
        assertThat(field).doesNotMatch("\\d{6}-?\\d{4}");
      }
    }
  }

  @Test
  void everyPublishedCellHasAtLeastFiveCitizensAndWithheldCellsShowNothing() {
    for (CSVRecord r : rows) {
      if ("true".equals(r.get("suppressed"))) {
        assertThat(r.get("citizens")).isEmpty();
        assertThat(r.get("goals_followed_up")).isEmpty();
        assertThat(r.get("goals_met")).isEmpty();
        assertThat(r.get("goal_attainment_avg")).isEmpty();
        assertThat(r.get("suppression_reason")).isIn("primary", "secondary");
      } else {
        assertThat(Long.parseLong(r.get("citizens"))).isGreaterThanOrEqualTo(5);
        assertThat(r.get("suppression_reason")).isEmpty();
      }
    }
    assertThat(rows).anyMatch(r -> "primary".equals(r.get("suppression_reason")));
    assertThat(rows).anyMatch(r -> "false".equals(r.get("suppressed")));
  }

  @Test
  void noOrgGroupWithAPublishedTotalWithholdsExactlyOneChild() {
    // An independent single-group check on the files (the exporter's own audit also solves every
    // group together).
    Map<String, CSVRecord> byKey = new HashMap<>();
    Map<String, List<CSVRecord>> children = new HashMap<>();
    for (CSVRecord r : rows) {
      String slice =
          String.join(
              "|",
              r.get("period"),
              r.get("via"),
              r.get("effect_goal"),
              r.get("life_theme"),
              r.get("target_group"),
              r.get("goal_type"));
      byKey.put(r.get("org_unit") + "|" + slice, r);
      children
          .computeIfAbsent(r.get("parent_org_unit") + "|" + slice, k -> new ArrayList<>())
          .add(r);
    }
    int checked = 0;
    for (Map.Entry<String, List<CSVRecord>> e : children.entrySet()) {
      CSVRecord total = byKey.get(e.getKey());
      if (total == null || "true".equals(total.get("suppressed"))) {
        continue;
      }
      long withheld = e.getValue().stream().filter(r -> "true".equals(r.get("suppressed"))).count();
      assertThat(withheld).as(e.getKey()).isNotEqualTo(1);
      checked++;
    }
    assertThat(checked).isPositive();
  }

  @Test
  void theAuditOfTheComputedTableRecoversNothing() {
    try (TestStore store = new TestStore(new DuckDbDialect(db))) {
      var tables =
          OpenDataExport.compute(
              store.store,
              CheckedDefinitions.load(
                      new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
                  .definitions(),
              TestCatalogue.get(),
              OpenDataExport.Options.defaults());
      DisclosureAudit.Report report = DisclosureAudit.audit(tables.disclosure());
      assertThat(report.passed()).as(report.summary()).isTrue();
      assertThat(tables.withheld(SuppressionReason.SECONDARY)).isPositive();
    }
  }

  @Test
  void theCatalogueHasTheDcatApDkMandatoryFields() throws Exception {
    var json = new ObjectMapper().readTree(out.resolve("catalog.jsonld").toFile());

    assertThat(DcatApDk.mandatoryViolations(json)).isEmpty();
    assertThat(json.toString()).contains("CC_BY_4_0").contains("attainment.parquet");
  }

  @Test
  void theParquetFileHoldsTheSameRows() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*), COUNT(citizens) FROM read_parquet('"
                        + out.resolve("attainment.parquet")
                        + "')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(rows.size());
      assertThat(rs.getLong(2))
          .isEqualTo(rows.stream().filter(r -> !r.get("citizens").isEmpty()).count());
    }
  }

  @Test
  void aThresholdBelowThreeIsRefused(@TempDir Path other) {
    var run =
        CliRunner.run(
            "opendata",
            "export",
            "--db",
            db.toString(),
            "--out",
            other.toString(),
            "--threshold",
            "2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("at least 3");
  }
}
