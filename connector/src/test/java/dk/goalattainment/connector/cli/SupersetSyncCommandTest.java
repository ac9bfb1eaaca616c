package dk.goalattainment.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.store.DatasetRefresher;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import dk.goalattainment.connector.superset.fake.FakeSuperset;
import dk.goalattainment.connector.superset.fake.SupersetHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connector superset sync} end to end: definitions and org tree from a real store, Superset
 * simulated by WireMock with every request validated against Superset's OpenAPI spec.
 */
class SupersetSyncCommandTest {
  @RegisterExtension static final SupersetHarness superset = new SupersetHarness();

  static final String PASSWORD_PROPERTY = "SUPERSET_SYNC_TEST_PASSWORD";

  @TempDir Path dir;

  Path db() {
    return dir.resolve("sync.duckdb");
  }

  /** A DuckDB store at {@code db} with the worked example, refreshed. */
  static void storeWithTheWorkedExample(Path db) {
    try (TestStore store = new TestStore(new DuckDbDialect(db))) {
      store.ingest(WorkedExample.batch());
      new DatasetRefresher(store.store)
          .refresh(
              CheckedDefinitions.load(
                      new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
                  .definitions(),
              s -> {});
    }
    System.setProperty(PASSWORD_PROPERTY, FakeSuperset.PASSWORD);
  }

  /** {@code superset sync} of the store at {@code db} into the harness's Superset. */
  static CliRun sync(SupersetHarness superset, Path db, String... extra) {
    List<String> args =
        Stream.concat(
                Stream.of(
                    "superset",
                    "sync",
                    "--url",
                    superset.url().toString(),
                    "--username",
                    FakeSuperset.USERNAME,
                    "--password-env",
                    PASSWORD_PROPERTY,
                    "--db",
                    db.toString()),
                Stream.of(extra))
            .toList();
    return CliRun.of(args.toArray(String[]::new));
  }

  @BeforeEach
  void storeWithTheWorkedExampleAndRoles() {
    storeWithTheWorkedExample(db());
    for (String unit : List.of("SOC", "FBU", "BC", "FBU-M")) {
      superset.fake().addRole("Målopfyldelse " + unit);
    }
    for (String role :
        List.of("Byråd og udvalg", "Direktion", "Driftsledere", "Teamledere", "Medarbejdere")) {
      superset.fake().addRole(role);
    }
  }

  CliRun sync(String... extra) {
    return sync(superset, db(), extra);
  }

  @Test
  void firstSyncPlansAndCreatesDatasetsMetricsAndRowLevelSecurity() {
    CliRun run = sync();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("+ create database")
        .contains("ds_attainment")
        .contains("goal_attainment_avg")
        .contains("goal-attainment: FBU")
        .containsPattern("Plan: \\d+ to create, 0 to update, 0 to delete");
    assertThat(superset.fake().datasets())
        .extracting(d -> d.table)
        .containsExactlyInAnyOrder("ds_attainment", "ds_goal_followups", "ds_followup_compliance");
    assertThat(superset.fake().dataset("ds_attainment").metric("goal_attainment_avg").verbose)
        .isEqualTo("Gns. målopfyldelse");
    assertThat(superset.fake().rlsRules())
        .extracting(r -> r.clause)
        .contains("starts_with(org_path, '/SOC/FBU/')")
        .contains(
            "(starts_with(authority_org_path, '/SOC/FBU/') OR"
                + " starts_with(provider_org_path, '/SOC/FBU/'))");
    assertThat(run.out()).doesNotContain(FakeSuperset.PASSWORD);
  }

  @Test
  void secondSyncWithNothingChangedSendsNoWrites() {
    assertThat(sync().exitCode()).isZero();
    int writesAfterFirst = superset.assetWrites().size();

    CliRun again = sync();

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Superset is up to date.");
    assertThat(superset.assetWrites()).hasSize(writesAfterFirst);
  }

  @Test
  void dryRunSendsNoWrites() {
    CliRun run = sync("--dry-run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Dry run: nothing was changed.");
    assertThat(superset.assetWrites()).isEmpty();
  }

  @Test
  void aMissingRoleStopsTheSyncNamingItAndWritesNothing() {
    superset.fake().disableRolesApi();
    CliRun noApi = sync();

    assertThat(noApi.exitCode()).isNotZero();
    assertThat(noApi.err()).containsIgnoringCase("roles");
    assertThat(superset.assetWrites()).isEmpty();
  }

  @Test
  void importsTheDashboardsAfterTheDatasetsAndNotAgainWhenNothingChanged() {
    String dashboards = TestCatalogue.definitionsDir().resolveSibling("dashboards").toString();
    CliRun first = sync("--dashboards", dashboards);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("+ create dashboard \"byraad\"")
        .contains("+ create dashboard \"enhed_team\"")
        .contains("Imported 4 dashboards and set their roles.");
    assertThat(superset.fake().dashboardRoles("direktion")).hasSize(1);
    assertThat(superset.fake().dashboardRoles("enhed_team")).hasSize(3);
    assertThat(superset.fake().importedFiles())
        .anyMatch(f -> f.startsWith("dashboards/"))
        .anyMatch(f -> f.startsWith("charts/"));
    int writes = superset.assetWrites().size();

    CliRun second = sync("--dashboards", dashboards);

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("Superset is up to date.")
        .contains("  unchanged dashboard \"byraad\"")
        .contains("  unchanged dashboard \"direktion\"")
        .contains("  unchanged dashboard \"driftsomraade\"")
        .contains("  unchanged dashboard \"enhed_team\"");
    assertThat(superset.assetWrites()).hasSize(writes);
  }

  @Test
  void withoutRowLevelSecurityNoRoleIsNeeded() {
    CliRun run = sync("--no-rls", "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("goal-attainment: FBU");
  }

  @Test
  void onPostgresTheDatabaseIsRegisteredWithTheReaderRole() {
    String url =
        dk.goalattainment.connector.EmbeddedPostgresServer.createDatabase(
            SupersetSyncCommandTest.class);
    try (TestStore store =
        new TestStore(
            new dk.goalattainment.connector.store.postgres.PostgresDialect(
                url, dk.goalattainment.connector.EmbeddedPostgresServer.USER, null, 2))) {
      store.ingest(WorkedExample.batch());
    }
    java.util.Map<String, String> config =
        java.util.Map.of(
            "connector.store.kind", "postgres",
            "connector.store.postgres.url", url,
            "connector.store.postgres.reader-user", "bi_reader",
            "connector.store.postgres.reader-password", "reader-pw");
    config.forEach(System::setProperty);
    CliRun run;
    try {
      run =
          CliRun.of(
              "superset",
              "sync",
              "--url",
              superset.url().toString(),
              "--username",
              FakeSuperset.USERNAME,
              "--password-env",
              PASSWORD_PROPERTY,
              "--no-dashboards");
    } finally {
      config.keySet().forEach(System::clearProperty);
    }

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(superset.fake().databases()).hasSize(1);
    FakeSuperset.Db db = superset.fake().databases().get(0);
    String port = url.replaceFirst("^jdbc:postgresql://localhost:(\\d+)/.*$", "$1");
    String name = url.replaceFirst("^jdbc:postgresql://localhost:\\d+/([^?]+).*$", "$1");
    assertThat(db.uri)
        .startsWith("postgresql+psycopg2://bi_reader:")
        .endsWith("@localhost:" + port + "/" + name);
    assertThat(db.password).isEqualTo("reader-pw");
    assertThat(run.out()).contains("public.ds_attainment").doesNotContain("reader-pw");
  }
}
