package dk.goalattainment.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.superset.fake.SupersetHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code superset sync} against a fresh Superset that has none of the roles the role mapping and
 * the dashboards name: refused clearly without {@code --create-roles}; with it the roles are part
 * of the plan and created before the rules and dashboards that use them. Dashboards and their role
 * access are part of the plan too.
 */
class SupersetCreateRolesTest {
  @RegisterExtension static final SupersetHarness superset = new SupersetHarness();

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("roles.duckdb");
  }

  @BeforeEach
  void storeWithTheWorkedExample() {
    SupersetSyncCommandTest.storeWithTheWorkedExample(db());
  }

  private CliRun sync(String... extra) {
    return SupersetSyncCommandTest.sync(superset, db(), extra);
  }

  @Test
  void withoutTheFlagMissingRolesStopTheSyncNamingThemAndTheFlag() {
    CliRun run = sync();

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err())
        .contains("Målopfyldelse FBU", "Direktion", "Teamledere", "--create-roles");
    assertThat(superset.assetWrites()).isEmpty();
  }

  @Test
  void theDryRunShowsTheRolesAndEveryDashboardItWouldCreate() {
    CliRun run = sync("--create-roles", "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("+ create role \"Målopfyldelse SOC\"")
        .contains("+ create role \"Målopfyldelse FBU-M\"")
        .contains("+ create role \"Byråd og udvalg\"")
        .contains("+ create dashboard \"byraad\"")
        .contains("+ create dashboard \"direktion\"")
        .contains("+ create dashboard \"driftsomraade\"")
        .contains("+ create dashboard \"enhed_team\"")
        .contains("Dry run: nothing was changed.");
    assertThat(superset.assetWrites()).isEmpty();
  }

  @Test
  void createsTheRolesFirstThenTheRulesAndDashboardsThatUseThem() {
    CliRun run = sync("--create-roles");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(superset.fake().roleNames())
        .contains(
            "Målopfyldelse SOC",
            "Målopfyldelse FBU",
            "Målopfyldelse BC",
            "Målopfyldelse FBU-M",
            "Byråd og udvalg",
            "Direktion",
            "Driftsledere",
            "Teamledere",
            "Medarbejdere");
    assertThat(superset.assetWrites().get(0)).isEqualTo("POST /api/v1/security/roles/");
    assertThat(superset.fake().rlsRules()).allSatisfy(r -> assertThat(r.roles).hasSize(1));
    assertThat(superset.fake().dashboardRoles("enhed_team")).hasSize(3);
    int writes = superset.assetWrites().size();

    CliRun again = sync("--create-roles");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Superset is up to date.").doesNotContain("create role");
    assertThat(superset.assetWrites()).hasSize(writes);
  }

  @Test
  void aDashboardWhoseRolesChangedGetsOnlyItsRoleAccessUpdated() throws Exception {
    assertThat(sync("--create-roles").exitCode()).isZero();
    Path specs = Files.createDirectories(dir.resolve("specs"));
    Path source = TestCatalogue.definitionsDir().resolveSibling("dashboards");
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.writeString(
            specs.resolve(f.getFileName()),
            Files.readString(f)
                .replace("roles: [Direktion]", "roles: [Direktion, Byråd og udvalg]"));
      }
    }
    int writes = superset.assetWrites().size();

    CliRun run = sync("--dashboards", specs.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("~ update dashboard \"direktion\" (roles)")
        .contains("  unchanged dashboard \"byraad\"");
    assertThat(superset.assetWrites().subList(writes, superset.assetWrites().size()))
        .singleElement()
        .asString()
        .startsWith("PUT /api/v1/dashboard/");
    assertThat(superset.fake().dashboardRoles("direktion")).hasSize(2);
  }
}
