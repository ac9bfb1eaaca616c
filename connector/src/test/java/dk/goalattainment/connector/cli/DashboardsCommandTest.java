package dk.goalattainment.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code connector dashboards build}, run on its own (ConnectorCli registers it). */
class DashboardsCommandTest {
  @TempDir Path dir;

  private int run(StringWriter out, StringWriter err, String... args) {
    try (ApplicationContext context = ApplicationContext.builder().environments("cli").start()) {
      CommandLine cli =
          ConnectorCli.configure(
              new CommandLine(DashboardsCommand.class, new MicronautFactory(context)));
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      return cli.execute(args);
    }
  }

  @Test
  void buildWritesOneZipPerDashboardAndOneWithAllWithAReadOnlyDuckDbUri() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path db = dir.resolve("goals.duckdb");
    new dk.goalattainment.connector.TestStore(
            new dk.goalattainment.connector.store.duckdb.DuckDbDialect(db))
        .close();
    int code =
        run(
            out,
            err,
            "build",
            "--definitions",
            "../dataset-definitions",
            "--dashboards",
            "../dashboards",
            "--db",
            db.toString(),
            "--out",
            dir.resolve("zips").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("dashboards_all.zip", "dashboards_enhed_team.zip", "Roles for byraad");
    byte[] zip = Files.readAllBytes(dir.resolve("zips/dashboards_all.zip"));
    String database = null;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().endsWith("databases/goal_attainment.yaml")) {
          database = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(database)
        .contains("duckdb:///" + db.toAbsolutePath().normalize() + "?access_mode=read_only");
  }

  @Test
  void buildWorksFromAnyFolderWithTheDashboardsShippedInTheJar() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(Path.of("dashboards")).as("run where no dashboards/ folder is").doesNotExist();

    int code =
        run(
            out,
            err,
            "build",
            "--database-uri",
            "postgresql+psycopg2://reader:pw@db:5432/goals",
            "--out",
            dir.resolve("zips").toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(dir.resolve("zips"))
        .isDirectoryContaining("glob:**/dashboards_all.zip")
        .isDirectoryContaining("glob:**/dashboards_byraad.zip")
        .isDirectoryContaining("glob:**/dashboards_enhed_team.zip");
  }

  @Test
  void anInvalidSpecFailsWithTheProblem() throws Exception {
    Path specs = Files.createDirectories(dir.resolve("specs"));
    Files.writeString(
        specs.resolve("x.yaml"),
        "slug: x\ntitle: X\nroles: [A]\ncharts:\n  - {id: c, title: C, viz: pie, dataset:"
            + " attainment, metrics: [nope], groupby: [goal_type_label]}\nrows: [[c]]\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        run(
            out,
            err,
            "build",
            "--definitions",
            "../dataset-definitions",
            "--dashboards",
            specs.toString(),
            "--database-uri",
            "duckdb:///x",
            "--out",
            dir.resolve("zips").toString());
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("metric 'nope' is not defined in metrics.yaml");
  }

  @Test
  void onPostgresTheBundlePointsSupersetAtTheReaderRoleWithoutShowingItsPassword()
      throws Exception {
    java.util.Map<String, String> config =
        java.util.Map.of(
            "connector.store.kind", "postgres",
            "connector.store.postgres.url",
                "postgresql://connector:owner-secret@db.internal:5433/goals?sslmode=require",
            "connector.store.postgres.reader-password", "reader s3cret");
    config.forEach(System::setProperty);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try {
      code =
          run(
              out,
              err,
              "build",
              "--definitions",
              "../dataset-definitions",
              "--dashboards",
              "../dashboards",
              "--out",
              dir.resolve("zips").toString());
    } finally {
      config.keySet().forEach(System::clearProperty);
    }
    assertThat(code).as(err.toString()).isZero();
    byte[] zip = Files.readAllBytes(dir.resolve("zips/dashboards_all.zip"));
    String database = null;
    StringBuilder everything = new StringBuilder();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        everything.append(text);
        if (e.getName().endsWith("databases/goal_attainment.yaml")) {
          database = text;
        }
      }
    }
    assertThat(database)
        .contains(
            "postgresql+psycopg2://superset_reader:XXXXXXXXXX@db.internal:5433/goals"
                + "?sslmode=require");
    assertThat(everything.toString()).contains("schema: \"public\"");
    assertThat(everything.toString() + out + err)
        .doesNotContain("s3cret")
        .doesNotContain("reader%20s3cret")
        .doesNotContain("owner-secret");
  }
}
