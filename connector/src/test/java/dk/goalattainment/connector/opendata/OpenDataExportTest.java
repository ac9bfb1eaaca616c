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
  String exportOutput;

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
    exportOutput = run.out();
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

  @Test
  void withRealMetadataFromConfigurationAndFlagsTheCatalogueHasNoPlaceholder(@TempDir Path other)
      throws Exception {
    // configuration (connector.opendata.*, i.e. CONNECTOR_OPENDATA_*), and flags that override it
    Map<String, String> config =
        Map.of(
            "connector.opendata.base-url", "https://data.aarhus.dk/maalopfyldelse",
            "connector.opendata.publisher-name", "Aarhus Kommune, Socialforvaltningen",
            "connector.opendata.publisher-uri", "https://www.aarhus.dk",
            "connector.opendata.contact-email", "placeholder@example.dk");
    config.forEach(System::setProperty);
    CliRunner.Run run;
    try {
      run =
          CliRunner.run(
              "opendata",
              "export",
              "--db",
              db.toString(),
              "--out",
              other.toString(),
              "--contact-name",
              "Ledelsesinformation",
              "--contact-email",
              "ledelsesinformation@aarhus.dk",
              "--landing-page",
              "https://www.aarhus.dk/maalopfyldelse");
    } finally {
      config.keySet().forEach(System::clearProperty);
    }

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("Draft");
    String text = Files.readString(other.resolve("catalog.jsonld"));
    var catalog = new ObjectMapper().readTree(text);
    assertThat(DcatApDk.mandatoryViolations(catalog)).isEmpty();
    assertThat(text)
        .doesNotContainIgnoringCase("example")
        .doesNotContain("localhost")
        .contains("mailto:ledelsesinformation@aarhus.dk")
        .contains("https://data.aarhus.dk/maalopfyldelse/attainment.csv")
        .contains("\"dcat:landingPage\"")
        .doesNotContain("adms:status");
    var dataset = catalog.get("dcat:dataset").get(0);
    assertThat(dataset.get("dct:publisher").get("@id").asText()).isEqualTo("https://www.aarhus.dk");
    assertThat(dataset.get("dct:publisher").get("foaf:name").get(0).get("@value").asText())
        .isEqualTo("Aarhus Kommune, Socialforvaltningen");
    assertThat(dataset.get("dcat:contactPoint").get("vcard:fn").asText())
        .isEqualTo("Ledelsesinformation");
    assertThat(
            new ObjectMapper()
                .readTree(other.resolve("attainment.json").toFile())
                .get("draft")
                .asBoolean())
        .isFalse();
    assertThat(Files.readString(other.resolve("metode.md"))).doesNotContain("Udkast");
  }

  @Test
  void publishRefusesPlaceholderMetadataBeforeContactingCkan() {
    System.setProperty("OPEN_DATA_TEST_TOKEN", "token");
    try {
      var run =
          CliRunner.run(
              "opendata",
              "publish",
              "--db",
              db.toString(),
              "--ckan",
              "http://127.0.0.1:1",
              "--api-token-env",
              "OPEN_DATA_TEST_TOKEN",
              "--owner-org",
              "aarhus",
              "--contact-email",
              "someone@example.dk");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.err())
          .contains("refuses placeholder metadata")
          .contains("contact e-mail")
          .contains("example.dk")
          .contains("publisher name")
          .contains("base URL");
    } finally {
      System.clearProperty("OPEN_DATA_TEST_TOKEN");
    }
  }

  @Test
  void theLabelColumnsCarryTheCataloguesDanishLabelsBesideTheCodes() throws Exception {
    String header = Files.readAllLines(out.resolve("attainment.csv")).get(0);
    assertThat(header)
        .endsWith(
            ",period_kind,org_unit_name,org_level,via_label,org_level_label,effect_goal_label,"
                + "life_theme_label,target_group_label,goal_type_label");
    var catalogue = TestCatalogue.get();
    Set<String> levels = new java.util.HashSet<>();
    for (CSVRecord r : rows) {
      for (String dimension : List.of("effect_goal", "life_theme", "target_group", "goal_type")) {
        String code = r.get(dimension);
        assertThat(r.get(dimension + "_label"))
            .as(dimension + " " + code)
            .isEqualTo("*".equals(code) ? "Alle" : catalogue.labelDa(dimension, code))
            .isNotEqualTo(code);
      }
      assertThat(r.get("via_label"))
          .isEqualTo("authority".equals(r.get("via")) ? "Myndighed" : "Udfører");
      levels.add(r.get("org_level_label"));
    }
    assertThat(levels).containsExactlyInAnyOrder("Kommune", "Forvaltning", "Driftsområde");
    assertThat(rows).anyMatch(r -> r.get("life_theme_label").equals("Familieforhold"));
  }

  @Test
  void theCatalogueListsTheCodeListsOfTheCodedColumns() throws Exception {
    var dataset =
        new ObjectMapper()
            .readTree(out.resolve("catalog.jsonld").toFile())
            .get("dcat:dataset")
            .get(0);
    Map<String, com.fasterxml.jackson.databind.JsonNode> byColumn = new HashMap<>();
    dataset.get("s1n:dimension").forEach(d -> byColumn.put(d.get("dct:identifier").asText(), d));

    assertThat(byColumn)
        .containsKeys(
            "via",
            "org_unit",
            "org_level",
            "effect_goal",
            "life_theme",
            "target_group",
            "goal_type");
    var effectGoals = byColumn.get("effect_goal").get("qb:codeList");
    assertThat(effectGoals.get("@type").asText()).isEqualTo("skos:ConceptScheme");
    var ls = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
    effectGoals
        .get("skos:hasTopConcept")
        .forEach(
            c -> {
              if (c.get("skos:notation").asText().equals("LS")) {
                ls.add(c);
              }
            });
    assertThat(ls).hasSize(1);
    assertThat(ls.get(0).get("skos:prefLabel").get(0).get("@value").asText())
        .isEqualTo("Læring og selvforsørgelse");
    assertThat(byColumn.get("org_unit").get("qb:codeList").toString()).contains("SOC");
  }

  @Test
  void theMethodologyStatesTheWithheldRowsExactlyAsTheAuditCountedThem() throws Exception {
    long primary = rows.stream().filter(r -> r.get("suppression_reason").equals("primary")).count();
    long secondary =
        rows.stream().filter(r -> r.get("suppression_reason").equals("secondary")).count();
    var json = new ObjectMapper().readTree(out.resolve("attainment.json").toFile());
    java.text.NumberFormat da =
        java.text.NumberFormat.getIntegerInstance(java.util.Locale.forLanguageTag("da-DK"));
    String text = Files.readString(out.resolve("metode.md"));

    assertThat(primary).isPositive();
    assertThat(secondary).isPositive();
    assertThat(json.get("withheld").get("rows").asLong()).isEqualTo(rows.size());
    assertThat(json.get("withheld").get("primary").asLong()).isEqualTo(primary);
    assertThat(json.get("withheld").get("secondary").asLong()).isEqualTo(secondary);
    assertThat(text)
        .contains(
            "Af tabellens "
                + da.format(rows.size())
                + " rækker er "
                + da.format(primary + secondary)
                + " (")
        .contains("udeladt: " + da.format(primary) + ", fordi cellen har færre end 5 borgere")
        .contains("og " + da.format(secondary) + " for at beskytte dem (sekundær)")
        .contains("Hvert tal findes to gange");
    assertThat(exportOutput)
        .contains(
            String.format(
                "%,d withheld below K (primary), %,d withheld to protect", primary, secondary));
  }
}
