package dk.goalattainment.connector.factsheet;

import static dk.goalattainment.connector.factsheet.SheetText.count;
import static dk.goalattainment.connector.factsheet.SheetText.pct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.app.FactSheetProperties;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.factsheet.FactSheetBuilder;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.opendata.OpenDataExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public fact sheet (--public) on the small demo data: it shows exactly the figures the
 * open-data table publishes ({@code opendata export} with its defaults), "–" where the table
 * withholds a cell, and nothing the table withholds or does not publish — no interval, no unit
 * below the published org levels, no withheld value in the table, the charts' text, the unit lists
 * or the Resultat.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicFactSheetTest {
  /**
   * The open-data selection: the defaults (K = 5; municipality, department, operating area), but
   * only the periods these sheets show, which keeps the disclosure computation short.
   */
  static final OpenDataExport.Options OPEN_DATA = openData();

  static OpenDataExport.Options openData() {
    OpenDataExport.Options d = OpenDataExport.Options.defaults();
    return new OpenDataExport.Options(
        d.threshold(),
        d.levels(),
        java.util.Set.of(),
        java.util.Set.of(
            "2020", "2021", "2020-Q3", "2020-Q4", "2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"),
        d.metadata());
  }

  ConnectorRuntime runtime;
  FactSheetService sheets;
  Map<String, Map<String, Object>> published = new HashMap<>();
  String areaText;
  String areaHtml;
  String departmentText;

  @BeforeAll
  void renderThePublicSheets(@TempDir Path dir) {
    runtime = FactSheetData.open(FactSheetData.copyInto(dir));
    sheets = runtime.factSheets(FactSheetProperties.defaults().texts());
    sheets.tables(OPEN_DATA).rows().forEach(r -> published.put(key(r), r));
    areaText = SheetText.of(render("2021-Q3", "FBU", "authority", "pdf"));
    areaHtml = new String(render("2021-Q3", "FBU", "authority", "html"), StandardCharsets.UTF_8);
    departmentText = SheetText.of(render("2021", "SOC", "provider", "pdf"));
  }

  @AfterAll
  void close() {
    runtime.close();
  }

  byte[] render(String period, String org, String via, String format) {
    return FactSheetData.render(sheets, period, org, via, format, FactSheetService.Variant.PUBLIC);
  }

  static String key(Map<String, Object> r) {
    return String.join(
        "|",
        (String) r.get("period"),
        (String) r.get("via"),
        (String) r.get("org_unit"),
        (String) r.get("effect_goal"),
        (String) r.get("life_theme"),
        (String) r.get("target_group"),
        (String) r.get("goal_type"));
  }

  Optional<Map<String, Object>> openData(
      Period period, Via via, String org, String effect, String theme) {
    return Optional.ofNullable(
        published.get(String.join("|", period.code(), via.code(), org, effect, theme, "*", "*")));
  }

  static boolean withheld(Map<String, Object> r) {
    return Boolean.TRUE.equals(r.get("suppressed"));
  }

  /** A public table cell: the published figure and N, "– –" where withheld, "· ·" where none. */
  static String cell(Optional<Map<String, Object>> row) {
    if (row.isEmpty()) {
      return "· ·";
    }
    if (withheld(row.get())) {
      return "– –";
    }
    long n = ((Number) row.get().get("citizens")).longValue();
    return pct(((Number) row.get().get("goal_attainment_avg")).doubleValue())
        + (n < 20 ? "*" : "")
        + " "
        + count(n);
  }

  /** The table's rows as the open data give them, and how many of their cells are withheld. */
  record Expected(List<String> rows, int withheld) {}

  Expected expectedTable(List<Period> columns, String org, Via via) {
    Catalogue catalogue = runtime.catalogue();
    List<String> rows = new ArrayList<>();
    int withheld = 0;
    for (Catalogue.EffectGoal effect : catalogue.effectGoals()) {
      StringBuilder line = new StringBuilder(effect.label().da());
      for (Period c : columns) {
        Optional<Map<String, Object>> r = openData(c, via, org, effect.code(), "*");
        withheld += r.filter(PublicFactSheetTest::withheld).isPresent() ? 1 : 0;
        line.append(' ').append(cell(r));
      }
      rows.add(line.toString());
      for (Catalogue.LifeTheme theme : catalogue.themesByEffectGoal().get(effect.code())) {
        StringBuilder t = new StringBuilder(FactSheetBuilder.themeLabel(catalogue, theme));
        boolean any = false;
        for (Period c : columns) {
          Optional<Map<String, Object>> r = openData(c, via, org, effect.code(), theme.code());
          any |= r.isPresent();
          withheld += r.filter(PublicFactSheetTest::withheld).isPresent() ? 1 : 0;
          t.append(' ').append(cell(r));
        }
        if (any) {
          rows.add(t.toString());
        }
      }
    }
    StringBuilder total = new StringBuilder("I alt");
    for (Period c : columns) {
      total.append(' ').append(cell(openData(c, via, org, "*", "*")));
    }
    rows.add(total.toString());
    return new Expected(rows, withheld);
  }

  @Test
  void theTableShowsExactlyThePublishedFiguresAndADashWhereTheyAreWithheld() {
    // a quarter's rolling window is not published by default: only the quarter's column is shown
    Expected area = expectedTable(List.of(Period.quarter(2021, 3)), "FBU", Via.AUTHORITY);
    assertThat(area.withheld()).as("the test data withhold some of FBU's cells").isPositive();
    area.rows().forEach(row -> assertThat(areaText).contains(row));
    assertThat(areaText)
        .contains("4. kv. 2020–3. kv. 2021 er ikke med")
        .contains("– Udeladt af hensyn til diskretion: færre end 5 borgere");
    Expected department =
        expectedTable(List.of(Period.year(2021), Period.quarter(2021, 4)), "SOC", Via.PROVIDER);
    department.rows().forEach(row -> assertThat(departmentText).contains(row));
  }

  @Test
  void noWithheldFigureAppearsInTheTable() {
    Catalogue catalogue = runtime.catalogue();
    Period q3 = Period.quarter(2021, 3);
    int checked = 0;
    for (Catalogue.LifeTheme theme : catalogue.lifeThemes()) {
      Optional<Map<String, Object>> r =
          openData(q3, Via.AUTHORITY, "FBU", theme.effectGoal(), theme.code());
      if (r.isPresent() && withheld(r.get())) {
        ReportRow engine =
            runtime
                .reports()
                .report(new ReportRequest(q3, "FBU", Via.AUTHORITY, Grouping.LIFE_THEME))
                .row(theme.code())
                .orElseThrow();
        String label = FactSheetBuilder.themeLabel(catalogue, theme);
        assertThat(areaText)
            .contains(label + " – –")
            .doesNotContain(label + " " + pct(engine.number(ReportColumn.GOAL_ATTAINMENT_AVG)))
            .doesNotContain(count(engine.count(ReportColumn.CITIZENS)) + " borgere");
        checked++;
      }
    }
    assertThat(checked).as("withheld themes in FBU's quarter").isPositive();
  }

  @Test
  void noIntervalIsShownForTheOpenDataPublishNone() {
    for (String text : List.of(areaText, departmentText)) {
      assertThat(text)
          .doesNotContain("95 %-interval ")
          .doesNotContainPattern("\\d+–\\d+ %")
          .contains("Konfidensintervallerne offentliggøres ikke");
    }
    assertThat(areaHtml).doesNotContainPattern("\\d+–\\d+ %");
  }

  @Test
  void unitsBelowThePublishedOrgLevelsAreNotShown() {
    // FBU is an operating area (depth 2): its units (depth 3) are not in the open data
    assertThat(areaText)
        .contains("Enhederne under Familier, Børn og Unge offentliggøres ikke som åbne data")
        .doesNotContain("FBU Myndighed")
        .doesNotContain("Børnecentret");
    // the department's children are operating areas, which are published
    assertThat(departmentText).contains("Familier, Børn og Unge").contains("Voksne med Handicap");
  }

  @Test
  void theUnitListsAndChartTextsCarryOnlyPublishedFigures() {
    for (Via via : Via.values()) {
      for (String area : List.of("FBU", "SUV", "VH")) {
        Optional<Map<String, Object>> r = openData(Period.year(2021), via, area, "*", "*");
        if (r.isEmpty()) {
          continue;
        }
        String name = runtime.store().orgUnit(area).orElseThrow().name();
        assertThat(departmentText).contains(name + " " + cell(r).replace("– –", "– –"));
      }
    }
    // the chart's text alternative: a withheld quarter reads "–"
    for (Period q : List.of(Period.quarter(2020, 4), Period.quarter(2021, 1))) {
      Optional<Map<String, Object>> r = openData(q, Via.AUTHORITY, "FBU", "LS", "*");
      String expected =
          r.isEmpty() || withheld(r.get())
              ? "–"
              : pct(((Number) r.get().get("goal_attainment_avg")).doubleValue());
      assertThat(areaHtml).contains(periodText(q) + " " + expected);
    }
  }

  static String periodText(Period q) {
    return q.quarter() + ". kv. " + q.year();
  }

  @Test
  void theResultParagraphUsesThePublishedTotal() {
    Map<String, Object> total =
        openData(Period.quarter(2021, 3), Via.AUTHORITY, "FBU", "*", "*").orElseThrow();
    assertThat(withheld(total)).isFalse();
    assertThat(areaText)
        .contains(
            "I 3. kv. 2021 fik "
                + count(((Number) total.get("citizens")).longValue())
                + " borgere i Familier, Børn og Unge")
        .contains(
            "nåede borgerne "
                + pct(((Number) total.get("goal_attainment_avg")).doubleValue())
                + " af deres opfulgte mål.");
  }

  @Test
  void theGoalTypeSharesComeOnlyFromPublishedCountsAndEqualTheEngines() {
    ReportRow engine =
        runtime
            .reports()
            .report(new ReportRequest(Period.year(2021), "SOC", Via.PROVIDER, Grouping.NONE))
            .row("*")
            .orElseThrow();
    for (String type : List.of("limited_decline", "progression", "maintenance")) {
      assertThat(withheld(openData2021SocProvider(type))).isFalse();
    }
    assertThat(departmentText)
        .contains(
            "Progressionsmål "
                + pct(engine.number(ReportColumn.PROGRESSION_MET_SHARE))
                + " "
                + pct(engine.number(ReportColumn.PROGRESSION_UNMET_SHARE)));
  }

  Map<String, Object> openData2021SocProvider(String goalType) {
    return published.get(String.join("|", "2021", "provider", "SOC", "*", "*", "*", goalType));
  }

  @Test
  void anOrgUnitTheOpenDataDoNotPublishHasNoPublicSheet() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> render("2021", "FBU-M", "authority", "html"));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).contains("open data");
  }

  @Test
  void theSheetSaysItIsThePublicOne() {
    assertThat(areaText).contains("Offentlig udgave: kun de diskretionerede tal fra de åbne data");
  }
}
