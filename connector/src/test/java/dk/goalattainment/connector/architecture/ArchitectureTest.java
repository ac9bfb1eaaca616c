package dk.goalattainment.connector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core knows no framework and no database; adapters depend on it, never the reverse; each
 * adapter keeps to its room ({@link Rooms}, docs/ARCHITECTURE.md). Plain Jupiter tests that call
 * {@link ArchRule#check} (Surefire did not count the ArchUnit engine's field rules as tests). Each
 * rule is also shown failing on a small tree that breaks it ({@code architecture.fixture}).
 */
class ArchitectureTest {
  private static final String ROOT = "dk.goalattainment.connector";
  private static final String CORE = ROOT + ".core..";
  private static final String FIXTURE = ROOT + ".architecture.fixture";
  private static final Set<String> BINDERS = Set.of("ConnectorRuntime");
  private static JavaClasses classes;
  private static JavaClasses fixture;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    fixture = new ClassFileImporter().importPackages(FIXTURE);
  }

  @Test
  void theLayersHold() {
    Rooms.layers(ROOT).check(classes);
  }

  @Test
  void theLayersFailWhenTheCoreReachesUpOrAPackageHasNoRoom() {
    assertThatThrownBy(() -> Rooms.layers(FIXTURE).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fixture.core.Figure")
        .hasMessageContaining("fixture.stray.Stray");
  }

  @Test
  void adaptersKeepToTheirRooms() {
    Rooms.adaptersKeepToTheirRooms(ROOT, Rooms.ALLOWED_EDGES.keySet()).check(classes);
  }

  @Test
  void everyAllowedEdgeIsUsedAndNamesTwoRooms() {
    for (String edge : Rooms.ALLOWED_EDGES.keySet()) {
      String[] rooms = edge.split(" -> ");
      assertThat(Rooms.ADAPTERS).as(edge).contains(rooms[1]);
      Set<String> without = new java.util.HashSet<>(Rooms.ALLOWED_EDGES.keySet());
      without.remove(edge);
      assertThatThrownBy(() -> Rooms.adaptersKeepToTheirRooms(ROOT, without).check(classes))
          .as("the edge %s is needed (else drop it from the list)", edge)
          .isInstanceOf(AssertionError.class);
    }
  }

  @Test
  void anAdapterReachingIntoAnotherFails() {
    assertThatThrownBy(
            () ->
                Rooms.adaptersKeepToTheirRooms(FIXTURE, Rooms.ALLOWED_EDGES.keySet())
                    .check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fixture.opendata.Exporter")
        .hasMessageContaining("fixture.superset.Chart");
    Rooms.adaptersKeepToTheirRooms(FIXTURE, Set.of("opendata -> superset", "rest -> store"))
        .check(fixture);
  }

  @Test
  void packagesAreFreeOfCycles() {
    Rooms.packagesFreeOfCycles(ROOT).check(classes);
  }

  @Test
  void aCycleBetweenPackagesFails() {
    assertThatThrownBy(() -> Rooms.packagesFreeOfCycles(FIXTURE).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fixture.demo.ping.Ping")
        .hasMessageContaining("fixture.demo.pong.Pong");
  }

  @Test
  void noClassOutsideADialectPackageNamesADialect() {
    Rooms.dialectsStayInTheirPackages(ROOT).check(classes);
  }

  @Test
  void aClassNamingADialectOutsideItsPackageFails() {
    assertThatThrownBy(() -> Rooms.dialectsStayInTheirPackages(FIXTURE).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fixture.store.Store")
        .hasMessageContaining("fixture.store.db.Db");
  }

  @Test
  void appOnlyWires() {
    Rooms.appOnlyWires(ROOT, BINDERS).check(classes);
  }

  @Test
  void aUtilityInAppFails() {
    assertThatThrownBy(() -> Rooms.appOnlyWires(FIXTURE, BINDERS).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fixture.app.Helper");
    assertThatThrownBy(() -> Rooms.appOnlyWires(ROOT, Set.of()).check(classes))
        .as("the runtime is the one binder: without it the rule sees it")
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ConnectorRuntime");
  }

  static final ArchRule CORE_IMPORTS_NO_FRAMEWORK_OR_JDBC =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.micronaut..",
              "jakarta.ws.rs..",
              "javax.ws.rs..",
              "org.glassfish.jersey..",
              "java.sql..",
              "javax.sql..",
              "jakarta.inject..",
              "org.duckdb..",
              "org.postgresql..",
              "com.fasterxml.jackson..",
              "org.apache.commons.csv..",
              "picocli..")
          .because("the core must stay free of frameworks and databases (ADR 0001)");

  static final ArchRule CORE_DEPENDS_ON_NO_ADAPTER =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages(CORE, "java..", "javax.crypto..")
          .because("adapters depend on the core, never the reverse");

  static final ArchRule ONLY_THE_STORE_TALKS_TO_THE_DATABASE =
      noClasses()
          .that()
          .resideOutsideOfPackage("dk.goalattainment.connector.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.duckdb..", "org.postgresql..", "com.zaxxer.hikari..")
          .because("SQL stays behind the store's dialects");

  static final ArchRule ONLY_THE_HTTP_PACKAGE_BUILDS_CLIENTS_AND_RETRIES =
      noClasses()
          .that()
          .resideOutsideOfPackage("dk.goalattainment.connector.http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.net.http..",
              "org.apache.http..",
              "org.glassfish.jersey.client..",
              "org.glassfish.jersey.apache..",
              "org.glassfish.jersey.media.multipart..",
              "dev.failsafe..")
          .because(
              "Superset and CKAN share one HTTP stack with one retry and error policy (ADR 0012)");

  @Test
  void coreImportsNoFrameworkOrJdbc() {
    CORE_IMPORTS_NO_FRAMEWORK_OR_JDBC.check(classes);
  }

  @Test
  void coreDependsOnNoAdapter() {
    CORE_DEPENDS_ON_NO_ADAPTER.check(classes);
  }

  @Test
  void onlyTheStoreTalksToTheDatabase() {
    ONLY_THE_STORE_TALKS_TO_THE_DATABASE.check(classes);
  }

  @Test
  void onlyTheHttpPackageBuildsClientsAndRetries() {
    ONLY_THE_HTTP_PACKAGE_BUILDS_CLIENTS_AND_RETRIES.check(classes);
    ArchRule httpWithoutItsLibraries =
        noClasses()
            .that()
            .resideInAPackage("dk.goalattainment.connector.http..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.failsafe..", "org.apache.http..");
    assertThatThrownBy(() -> httpWithoutItsLibraries.check(classes))
        .as("the rule sees the stack's own dependencies")
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void theRulesSeeTheCoreAndCanFail() {
    assertThat(classes.contain("dk.goalattainment.connector.core.engine.AttainmentSql")).isTrue();
    ArchRule coreUsesNoJavaTime =
        noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("java.time..");
    assertThatThrownBy(() -> coreUsesNoJavaTime.check(classes)).isInstanceOf(AssertionError.class);
  }
}
