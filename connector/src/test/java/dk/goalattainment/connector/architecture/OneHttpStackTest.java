package dk.goalattainment.connector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One HTTP stack: only the {@code http} package builds clients, retries, or speaks multipart, so
 * Superset and CKAN keep the same timeout, retry and error policy (ADR 0012).
 */
class OneHttpStackTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dk.goalattainment.connector");
  }

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
          .because("Superset and CKAN share one HTTP stack with one retry and error policy");

  @Test
  void onlyTheHttpPackageBuildsClientsAndRetries() {
    assertThat(classes.contain("dk.goalattainment.connector.http.HttpStack")).isTrue();
    ONLY_THE_HTTP_PACKAGE_BUILDS_CLIENTS_AND_RETRIES.check(classes);
  }

  @Test
  void theRuleSeesTheStacksOwnDependenciesAndCanFail() {
    ArchRule httpWithoutFailsafe =
        noClasses()
            .that()
            .resideInAPackage("dk.goalattainment.connector.http..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.failsafe..", "org.apache.http..");
    assertThatThrownBy(() -> httpWithoutFailsafe.check(classes)).isInstanceOf(AssertionError.class);
  }
}
