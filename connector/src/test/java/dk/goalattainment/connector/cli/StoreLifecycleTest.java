package dk.goalattainment.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.store.PseudonymKeys;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores are opened, never invented: a command on a store that does not exist fails with a message
 * that says what to do, and creates nothing; {@code init} and {@code --create} create on purpose;
 * the pseudonym key is never generated beside a store that already holds goals.
 */
class StoreLifecycleTest {
  @TempDir Path dir;

  Path db() {
    return dir.resolve("store.duckdb");
  }

  /** 30 demo citizens into a new store, nothing more. */
  CliRun smallDemo() {
    return CliRun.of(
        "demo",
        "--create",
        "--db",
        db().toString(),
        "--citizens",
        "30",
        "--no-fact-sheet",
        "--no-refresh");
  }

  Path keyFile() {
    return PseudonymKeys.demoKeyFile(db().toAbsolutePath());
  }

  static final List<String[]> READERS =
      List.of(
          new String[] {"report", "--period", "2018", "--org", "FBU"},
          new String[] {"refresh"},
          new String[] {"units"},
          new String[] {"validate"},
          new String[] {"opendata", "export", "--out", "unused"},
          new String[] {"ingest", "--org", "unused.csv"},
          new String[] {"demo", "--citizens", "10"},
          new String[] {"serve", "--port", "0"},
          new String[] {"dashboards", "build", "--out", "unused"});

  static String[] with(String[] command, String... more) {
    String[] all = new String[command.length + more.length];
    System.arraycopy(command, 0, all, 0, command.length);
    System.arraycopy(more, 0, all, command.length, more.length);
    return all;
  }

  @Test
  void everyCommandRefusesAMissingStoreNamingItAndInitAndCreatesNothing() throws Exception {
    Path csv = Files.writeString(dir.resolve("unused.csv"), "unit_id,name,valid_from\n");
    for (String[] command : READERS) {
      String[] args = with(command, "--db", db().toString());
      for (int i = 0; i < args.length; i++) {
        args[i] = args[i].replace("unused.csv", csv.toString());
      }
      CliRun run = CliRun.of(args);

      String what = String.join(" ", command);
      assertThat(run.exitCode()).as(what + ": " + run.err()).isEqualTo(3);
      assertThat(run.err())
          .as(what)
          .contains("No store at " + db().toAbsolutePath())
          .contains("connector init --db " + db());
      assertThat(db()).as(what + " created no store").doesNotExist();
      assertThat(keyFile()).as(what + " made no key").doesNotExist();
    }
  }

  @Test
  void aDbInAFolderThatDoesNotExistNeverCreatesTheFolderEvenWithInit() {
    Path typo = dir.resolve("no-such-folder").resolve("store.duckdb");

    CliRun report =
        CliRun.of("report", "--db", typo.toString(), "--period", "2018", "--org", "FBU");
    CliRun init = CliRun.of("init", "--db", typo.toString());

    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(init.exitCode()).isEqualTo(3);
    assertThat(init.err()).contains("The folder " + typo.getParent()).contains("does not exist");
    assertThat(typo.getParent()).doesNotExist();
  }

  @Test
  void theConfiguredStoreIsNotCreatedByAReportEither() {
    Path configured = dir.resolve("data").resolve("connector.duckdb");
    System.setProperty("connector.store.duckdb-path", configured.toString());
    try {
      CliRun run = CliRun.of("report", "--period", "2018", "--org", "FBU");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.err())
          .contains("No store at " + configured.toAbsolutePath())
          .contains("connector.store.duckdb-path");
      assertThat(configured.getParent()).doesNotExist();
    } finally {
      System.clearProperty("connector.store.duckdb-path");
    }
  }

  @Test
  void initCreatesTheStoreAndItsKeyAndIsIdempotent() {
    CliRun first = CliRun.of("init", "--db", db().toString());
    CliRun second = CliRun.of("init", "--db", db().toString());

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("Created the store DuckDB " + db().toAbsolutePath())
        .contains("Pseudonym key: the demo key in " + keyFile());
    assertThat(db()).exists();
    assertThat(keyFile()).exists();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("already exists (0 org units, 0 goals, 0 follow-ups)");
    assertThat(CliRun.of("units", "--db", db().toString()).exitCode()).isZero();
  }

  @Test
  void ingestAndDemoCreateTheStoreOnlyWithCreate() throws Exception {
    CliRun demo = smallDemo();
    Path other = dir.resolve("other.duckdb");
    Path org =
        Files.writeString(
            dir.resolve("org.csv"),
            "unit_id,name,parent_id,role,valid_from,valid_to\nX,X,,,2018-01-01,\n");
    CliRun ingest =
        CliRun.of("ingest", "--create", "--db", other.toString(), "--org", org.toString());

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("ingested into DuckDB " + db().toAbsolutePath());
    assertThat(keyFile()).exists();
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("Ingested into DuckDB " + other.toAbsolutePath());
    assertThat(other).exists();
  }

  @Test
  void aStoreWithGoalsButNoKeyFileRefusesToIngestAndMakesNoNewKey() throws Exception {
    // a store whose goals were pseudonymised with a key that is not beside it
    try (TestStore store = new TestStore(new DuckDbDialect(db()))) {
      store.ingest(WorkedExample.batch());
    }
    Files.writeString(
        dir.resolve("org.csv"),
        "unit_id,name,parent_id,role,valid_from,valid_to\nX,X,,,2018-01-01,\n");

    CliRun ingest =
        CliRun.of("ingest", "--db", db().toString(), "--org", dir.resolve("org.csv").toString());
    CliRun report =
        CliRun.of("report", "--db", db().toString(), "--period", "2018-Q4", "--org", "FBU");

    assertThat(ingest.exitCode()).isEqualTo(3);
    assertThat(ingest.err())
        .contains("holds goals but its pseudonym key file " + keyFile() + " is missing")
        .contains("lost or misplaced");
    assertThat(keyFile()).doesNotExist();
    assertThat(report.exitCode()).as("reading needs no key").isZero();
    assertThat(keyFile()).doesNotExist();
  }

  @Test
  void theDemoKeyWarningShowsOnceWhereTheKeyIsUsedAndNotOnReads() {
    CliRun demo = smallDemo();
    CliRun report =
        CliRun.of("report", "--db", db().toString(), "--period", "2021", "--org", "SOC");

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.err().split("CONNECTOR_PSEUDONYM_KEY is not set", -1)).hasSize(2);
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.err()).doesNotContain("CONNECTOR_PSEUDONYM_KEY");
  }

  @Test
  void demoShowsItsStagesWithCountsAndTimesAndRefreshes() {
    CliRun demo = CliRun.of("demo", "--create", "--db", db().toString(), "--citizens", "40");

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.err())
        .contains("demo: generating 40 citizens (about")
        .contains("demo: refreshing the standard datasets")
        .containsPattern("refresh \\[ *\\d+\\.\\d s\\]: attainment");
    assertThat(demo.out())
        .containsPattern("Demo data \\(40 citizens, seed \\d+\\) ingested into .* in \\d+\\.\\d s")
        .containsPattern("goals: +[\\d,]+ received")
        .containsPattern("Refreshed DuckDB .* in \\d+\\.\\d s")
        .contains("ds_attainment")
        .contains("FAKTABLAD");
  }

  @Test
  void serveWarnsAboutTheDemoKeyWhenItStartsAndServesTheStoreItNames() throws Exception {
    assertThat(CliRun.of("init", "--db", db().toString()).exitCode()).isZero();

    try (ServeProcess serve = new ServeProcess(dir, java.util.Map.of(), "--db", db().toString())) {
      assertThat(serve.output())
          .contains("CONNECTOR_PSEUDONYM_KEY is not set: using the demo pseudonym key in")
          .contains("Serving DuckDB " + db().toAbsolutePath() + " on " + serve.base());
      assertThat(serve.output().indexOf("CONNECTOR_PSEUDONYM_KEY is not set"))
          .as("the warning comes as the service starts, before it says it serves")
          .isLessThan(serve.output().indexOf("Serving DuckDB"));
    }
  }

  @Test
  void supersetSyncRefusesAMissingStoreToo() {
    System.setProperty("STORE_LIFECYCLE_SUPERSET_PASSWORD", "x");
    try {
      CliRun run =
          CliRun.of(
              "superset",
              "sync",
              "--url",
              "http://127.0.0.1:1",
              "--password-env",
              "STORE_LIFECYCLE_SUPERSET_PASSWORD",
              "--db",
              db().toString());

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.err()).contains("No store at " + db().toAbsolutePath());
      assertThat(db()).doesNotExist();
    } finally {
      System.clearProperty("STORE_LIFECYCLE_SUPERSET_PASSWORD");
    }
  }
}
