package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.dashboards.DashboardBundleBuilder;
import dk.goalattainment.connector.dashboards.DashboardSpec;
import dk.goalattainment.connector.dashboards.DashboardSpecs;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.definitions.DefinitionsLoader;
import dk.goalattainment.connector.store.DatasetRefresher;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector validate}: the three stages of definition validation. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validates the dataset and metric definitions in three stages: schema (required fields,"
          + " types, unknown fields), semantics (unique ids, references, columns named by metric"
          + " expressions, catalogue codes, versions against definitions.lock.yaml) and database"
          + " (every declared column in the materialised table, every metric expression executes)."
          + " Exit 0 when valid, 3 with every problem listed otherwise."
    })
public class ValidateCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Option(
      names = "--definitions",
      paramLabel = "DIR",
      description = "Definitions directory to check (default: the configured or bundled ones).")
  Path definitionsDir;

  @Option(
      names = "--skip-database",
      description = "Only the schema and semantic stages (no store needed).")
  boolean skipDatabase;

  @Option(
      names = "--dashboards",
      paramLabel = "DIR",
      description =
          "Dashboard specs to check too: every chart's dataset, metrics and columns exist, every"
              + " placed chart exists and every chart is placed, UUIDs unique, org nodes selected"
              + " by level code (default: the dashboards shipped in the jar).")
  Path dashboards;

  @Option(
      names = "--update-lock",
      description =
          "Record new definition versions in DIR/definitions.lock.yaml (needs --definitions);"
              + " existing entries are never changed.")
  boolean updateLock;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  @Inject DefinitionFiles configuredFiles;

  @Inject Catalogue configuredCatalogue;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    DefinitionFiles files =
        definitionsDir == null ? null : new DefinitionFiles(definitionsDir.toAbsolutePath());
    Catalogue catalogue = files == null ? configuredCatalogue : CatalogueLoader.load(files);
    DefinitionsLoader.Loaded loaded =
        DefinitionsLoader.load(files == null ? configuredFiles : files);
    if (updateLock) {
      if (files == null) {
        throw new ConnectorException(
            ErrorCode.BAD_REQUEST, "--update-lock needs --definitions DIR (the files to update)");
      }
      Path lock = definitionsDir.resolve(DefinitionsLoader.LOCK_FILE);
      Files.writeString(
          lock,
          DefinitionsLoader.updatedLock(loaded.locked(), loaded.hashes()),
          StandardCharsets.UTF_8);
      out.println("Updated " + lock);
      loaded = DefinitionsLoader.load(files);
    }
    CheckedDefinitions.Stages stages = CheckedDefinitions.check(loaded, catalogue);
    int problems = report(out, "schema", stages.schema());
    problems += report(out, "semantics", stages.semantics());
    if (stages.ok()) {
      List<DashboardSpec> specs = DashboardSpecs.load(dashboards);
      problems +=
          report(
              out,
              "dashboards (" + specs.size() + ")",
              new DashboardBundleBuilder(
                      loaded.definitions(),
                      new DashboardBundleBuilder.Database(
                          "validation", "duckdb:///validation.duckdb", null))
                  .validate(specs));
    }
    if (skipDatabase) {
      out.println("database: skipped");
    } else if (problems > 0) {
      out.println("database: not checked (fix the problems above first)");
    } else if (files == null) {
      try (ConnectorRuntime runtime = stores.get().open(db.path())) {
        problems += report(out, "database", runtime.validateDatabase());
      }
    } else {
      try (ConnectorRuntime runtime = stores.get().open(db.path())) {
        // the tables of the configured store, checked against the definitions in DIR
        problems +=
            report(
                out,
                "database",
                new DatasetRefresher(runtime.store()).validate(loaded.definitions()));
      }
    }
    out.flush();
    if (problems > 0) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID, problems + " definition problem(s), listed above");
    }
    return 0;
  }

  private static int report(PrintWriter out, String stage, List<String> problems) {
    if (problems.isEmpty()) {
      out.println(stage + ": ok");
    } else {
      out.println(stage + ": " + problems.size() + " problem(s)");
      problems.forEach(p -> out.println("  - " + p));
    }
    return problems.size();
  }
}
