package dk.goalattainment.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.WorkedExample;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  static final String HEADER =
      "group,citizens,goal_attainment_avg,goals_followed_up,goals_met,goals_met_share,"
          + "progress_share,distance_avg,goal_attainment_ci_low,goal_attainment_ci_high,low_n";

  @TempDir Path dir;

  Path db() {
    return dir.resolve("cli.duckdb");
  }

  /** Writes the worked example as Danish-style CSV files: ';', Windows-1252. */
  void writeWorkedExample() throws Exception {
    Charset cp1252 = Charset.forName("windows-1252");
    StringBuilder org = new StringBuilder("unit_id;name;parent_id;role;valid_from;valid_to\r\n");
    for (var u : WorkedExample.orgUnits()) {
      org.append(
          String.join(";", u.unitId(), u.name(), u.parentId(), u.role(), u.validFrom(), u.validTo())
              + "\r\n");
    }
    Files.writeString(dir.resolve("org.csv"), org, cp1252);
    StringBuilder goals =
        new StringBuilder(
            "goal_id;cpr;target_group;life_theme;goal_type;baseline_score;target_score;set_date;"
                + "due_date;authority_unit_id;provider_unit_id\r\n");
    for (var g : WorkedExample.goals()) {
      goals.append(
          String.join(
                  ";",
                  g.goalId(),
                  g.cpr(),
                  g.targetGroup(),
                  g.lifeTheme(),
                  g.goalType(),
                  g.baselineScore(),
                  g.targetScore(),
                  g.setDate(),
                  g.dueDate(),
                  g.authorityUnitId(),
                  g.providerUnitId())
              + "\r\n");
    }
    Files.writeString(dir.resolve("goals.csv"), goals, cp1252);
    StringBuilder fus = new StringBuilder("followup_id,goal_id,followup_date,score\n");
    for (var f : WorkedExample.followUps()) {
      fus.append(String.join(",", f.followupId(), f.goalId(), f.followupDate(), f.score()) + "\n");
    }
    Files.writeString(dir.resolve("followups.csv"), fus, StandardCharsets.UTF_8);
  }

  CliRun ingestWorkedExample() throws Exception {
    writeWorkedExample();
    return CliRun.of(
        "ingest",
        "--create",
        "--db",
        db().toString(),
        "--org",
        dir.resolve("org.csv").toString(),
        "--goals",
        dir.resolve("goals.csv").toString(),
        "--followups",
        dir.resolve("followups.csv").toString());
  }

  @Test
  void ingestsDanishCsvFilesAndPrintsCounts() throws Exception {
    CliRun run = ingestWorkedExample();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("org-units: 4 received, 4 new")
        .contains("goals:     5 received");
  }

  @Test
  void reportsTheWorkedExampleAsCsvWithTheFixedColumns() throws Exception {
    ingestWorkedExample();

    CliRun run =
        CliRun.of(
            "report",
            "--db",
            db().toString(),
            "--period",
            "2018-Q4",
            "--org",
            "FBU",
            "--by",
            "effect_goal",
            "--format",
            "csv");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith(HEADER + ",");
    assertThat(lines.get(1)).startsWith("LS,1,1.0,1,1,1.0,1.0,3.0,,,true,");
    assertThat(lines.get(2)).startsWith("NM,2,0.5,4,2,0.5,0.5,");
    assertThat(lines).hasSize(3);
  }

  @Test
  void reportsJsonWithRowsNamedLikeTheCsvColumns() throws Exception {
    ingestWorkedExample();

    CliRun run =
        CliRun.of(
            "report",
            "--db",
            db().toString(),
            "--period",
            "2018-Q4",
            "--org",
            "FBU",
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\"rows\"")
        .contains("\"group\" : \"*\"")
        .contains("\"citizens\" : 2")
        // 7/12 at the documented precision of 12 decimals (ADR 0015)
        .contains("\"goal_attainment_avg\" : 0.583333333333");
  }

  @Test
  void printsTheDanishFactSheetAsTable() throws Exception {
    ingestWorkedExample();

    CliRun run =
        CliRun.of("report", "--db", db().toString(), "--period", "2018-Q4", "--org", "FBU");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("FAKTABLAD")
        .contains("Netværk og medborgerskab")
        .contains("  Familieforhold")
        .contains("50,0 %")
        .contains("lav N");
  }

  @Test
  void exitsWithTwoAndListsEveryErrorWithoutTheCpr() throws Exception {
    writeWorkedExample();
    String goals =
        "goal_id,cpr,target_group,life_theme,baseline_score,target_score,set_date,due_date,"
            + "authority_unit_id\n"
            + "x1,3113801234,boern_unge_udsatte,skole,3,6,2018-01-01,2018-06-01,FBU-M\n"
            + "x2,0101801234,boern_unge_udsatte,skole,0,6,2018-01-01,2017-06-01,NOPE\n";
    Files.writeString(dir.resolve("bad.csv"), goals);

    CliRun run =
        CliRun.of(
            "ingest",
            "--create",
            "--db",
            db().toString(),
            "--org",
            dir.resolve("org.csv").toString(),
            "--goals",
            dir.resolve("bad.csv").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("goals: row 1, field cpr:")
        .contains("goals: row 2, field baseline_score:")
        .contains("goals: row 2, field due_date: must be after set_date")
        .contains("goals: row 2, field authority_unit_id: no org unit has this id")
        .doesNotContain("3113801234")
        .doesNotContain("311380")
        .doesNotContain("0101801234");
    CliRun report =
        CliRun.of("report", "--db", db().toString(), "--period", "2018", "--org", "FBU");
    assertThat(report.exitCode()).as("nothing, not even the org units, was stored").isEqualTo(2);
  }

  @Test
  void validatesTheDefinitionsAndDashboardsOfTheRepository() {
    Path defs = dk.goalattainment.connector.TestCatalogue.definitionsDir();
    CliRun run =
        CliRun.of(
            "validate",
            "--definitions",
            defs.toString(),
            "--dashboards",
            defs.resolveSibling("dashboards").toString(),
            "--skip-database");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("schema: ok", "semantics: ok", "dashboards (4): ok");
  }

  @Test
  void validateRejectsADashboardChartOnAMissingMetric() throws Exception {
    Path defs = dk.goalattainment.connector.TestCatalogue.definitionsDir();
    Path dashboards = dir.resolve("dashboards");
    Files.createDirectories(dashboards);
    Path source = defs.resolveSibling("dashboards").resolve("direktion.yaml");
    String spec = Files.readString(source);
    assertThat(spec).contains("goal_attainment_avg");
    Files.writeString(
        dashboards.resolve("direktion.yaml"),
        spec.replaceFirst("goal_attainment_avg", "goal_attainment_mean"));

    CliRun run =
        CliRun.of(
            "validate",
            "--definitions",
            defs.toString(),
            "--dashboards",
            dashboards.toString(),
            "--skip-database");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).contains("dashboards (1): ").contains("goal_attainment_mean");
  }

  @Test
  void refreshTakesTheDateTheDataRunsTo() throws Exception {
    ingestWorkedExample();

    CliRun latest = CliRun.of("refresh", "--db", db().toString());
    CliRun asOf = CliRun.of("refresh", "--db", db().toString(), "--as-of", "2018-12-31");

    assertThat(latest.exitCode()).as(latest.err()).isZero();
    assertThat(latest.out()).contains("Data as of 2018-11-15");
    assertThat(asOf.exitCode()).as(asOf.err()).isZero();
    assertThat(asOf.out()).contains("Data as of 2018-12-31");
  }

  @Test
  void rejectsAMalformedPeriodWithAClearMessage() throws Exception {
    ingestWorkedExample();

    CliRun run =
        CliRun.of("report", "--db", db().toString(), "--period", "2018-Q5", "--org", "FBU");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("period must be a year (2019), a quarter (2019-Q4)");
  }
}
