package dk.goalattainment.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.factsheet.FactSheetData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code connector factsheet}: writes the PDF or HTML, says what it wrote, refuses bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FactSheetCommandTest {
  @TempDir Path dir;
  Path db;

  @BeforeAll
  void copyTheDemoStore(@TempDir Path data) {
    db = FactSheetData.copyInto(data);
  }

  @Test
  void writesThePdfAndSaysWhatItWrote() throws Exception {
    Path out = dir.resolve("sheets/faktablad.pdf");

    CliRun run =
        CliRun.of(
            "factsheet",
            "--db",
            db.toString(),
            "--period",
            "2021",
            "--org",
            "SOC",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    byte[] pdf = Files.readAllBytes(out);
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(run.out())
        .contains("Wrote " + out)
        .contains("the fact sheet for SOC, 2021 (PDF, ")
        .containsPattern("[12] pages?, ");
  }

  @Test
  void writesThePublicHtmlWhenTheFileEndsInHtml() throws Exception {
    Path out = dir.resolve("offentlig.html");

    CliRun run =
        CliRun.of(
            "factsheet",
            "--db",
            db.toString(),
            "--period",
            "2021-Q4",
            "--org",
            "SOC",
            "--via",
            "provider",
            "--public",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("the public fact sheet for SOC, 2021-Q4 (HTML");
    assertThat(Files.readString(out))
        .startsWith("<!DOCTYPE html>")
        .contains("Offentlig udgave")
        .contains("Måltyper for perioden 4. kv. 2021")
        // the operating areas' quarters are published, so their lines are drawn
        .contains("Familier, Børn og Unge: 1. kv. 2021");
  }

  @Test
  void refusesARollingWindowAndAnUnknownFormatWithEveryProblemListed() {
    CliRun run =
        CliRun.of(
            "factsheet",
            "--db",
            db.toString(),
            "--period",
            "2021-Q4R4",
            "--org",
            "SOC",
            "--format",
            "docx",
            "--out",
            dir.resolve("x.pdf").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("period must be a year (2021) or a quarter (2021-Q4)")
        .contains("format must be html or pdf");
    assertThat(dir.resolve("x.pdf")).doesNotExist();
  }

  @Test
  void anUnknownOrgUnitIsNotFound() {
    CliRun run =
        CliRun.of(
            "factsheet",
            "--db",
            db.toString(),
            "--period",
            "2021",
            "--org",
            "NOPE",
            "--out",
            dir.resolve("y.pdf").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("No org unit has the id");
  }

  @Test
  void helpNamesEveryOption() {
    CliRun run = CliRun.of("factsheet", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--period=P")
        .contains("--org=UNIT")
        .contains("--via=authority|provider")
        .contains("--format=pdf|html")
        .contains("--out=FILE")
        .contains("--public")
        .contains("--threshold=K");
    assertThat(CliRun.of("--help").out()).contains("factsheet");
  }
}
