package dk.goalattainment.connector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core knows no framework and no database; adapters depend on it, never the reverse. */
@AnalyzeClasses(
    packages = "dk.goalattainment.connector",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule coreImportsNoFrameworkOrJdbc =
      noClasses()
          .that()
          .resideInAPackage("dk.goalattainment.connector.core..")
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

  @ArchTest
  static final ArchRule coreDependsOnNoAdapter =
      noClasses()
          .that()
          .resideInAPackage("dk.goalattainment.connector.core..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages("dk.goalattainment.connector.core..", "java..", "javax.crypto..")
          .because("adapters depend on the core, never the reverse");

  @ArchTest
  static final ArchRule onlyTheStoreTalksToTheDatabase =
      noClasses()
          .that()
          .resideOutsideOfPackage("dk.goalattainment.connector.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.duckdb..", "org.postgresql..")
          .because("SQL stays behind the store's dialects");
}
