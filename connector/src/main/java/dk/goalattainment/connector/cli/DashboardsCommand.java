package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.dashboards.DashboardBundleBuilder;
import dk.goalattainment.connector.dashboards.DashboardSpec;
import dk.goalattainment.connector.dashboards.DashboardSpecs;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector dashboards}: the ready-made Superset dashboards in {@code dashboards/}. */
@Command(
    name = "dashboards",
    mixinStandardHelpOptions = true,
    description = "The ready-made Superset dashboards (dashboards/*.yaml).",
    subcommands = {DashboardsCommand.Build.class})
public class DashboardsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code connector dashboards build}: one bundle ZIP per dashboard and one with all. */
  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = {
        "Validates the dashboard specs (the ones shipped in the jar, or --dashboards DIR) against"
            + " the definitions and writes Superset import bundles (v1 ZIP) to DIR:"
            + " dashboards_<slug>.zip per dashboard and dashboards_all.zip. Dashboard roles are not"
            + " part of Superset's import format: they are printed (the sync sets them)."
      })
  public static class Build implements Callable<Integer> {
    @Mixin DbOption db;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Directory for the ZIPs.")
    Path out;

    @Option(
        names = "--dashboards",
        paramLabel = "DIR",
        description = "Dashboard specs (default: the dashboards shipped in the jar).")
    Path dashboards;

    @Option(
        names = "--definitions",
        paramLabel = "DIR",
        description = "Definitions directory (default: the configured or bundled ones).")
    Path definitionsDir;

    @Option(
        names = "--database-uri",
        paramLabel = "URI",
        description =
            "SQLAlchemy URI Superset uses (default: the configured store's: for DuckDB"
                + " duckdb:///<--db>?access_mode=read_only, for PostgreSQL"
                + " postgresql+psycopg2://<reader>@host:port/db). A password in it goes to the"
                + " import's passwords field, never into the ZIP.")
    String databaseUri;

    @Option(
        names = "--database-name",
        paramLabel = "NAME",
        defaultValue = "goal_attainment",
        description = "Superset database name (default: ${DEFAULT-VALUE}).")
    String databaseName;

    @Spec CommandSpec spec;

    @Inject BeanProvider<StoreOpener> stores;

    @Inject DefinitionFiles configuredFiles;

    @Inject Catalogue configuredCatalogue;

    @Override
    public Integer call() throws IOException {
      PrintWriter stdout = spec.commandLine().getOut();
      DefinitionFiles files =
          definitionsDir == null
              ? configuredFiles
              : new DefinitionFiles(definitionsDir.toAbsolutePath());
      Catalogue catalogue =
          definitionsDir == null ? configuredCatalogue : CatalogueLoader.load(files);
      Definitions definitions = CheckedDefinitions.load(files, catalogue).definitions();
      String uri = databaseUri != null ? databaseUri : stores.get().supersetDatabaseUri(db.path());
      List<DashboardSpec> specs = DashboardSpecs.load(dashboards);
      DashboardBundleBuilder builder =
          new DashboardBundleBuilder(
              definitions, new DashboardBundleBuilder.Database(databaseName, uri, null));
      Files.createDirectories(out);
      for (DashboardBundleBuilder.Bundle b : builder.build(specs, Instant.now())) {
        Path file = out.resolve(b.fileName());
        Files.write(file, b.zip());
        stdout.println("Wrote " + file + " (" + b.zip().length + " bytes)");
      }
      for (DashboardSpec d : specs) {
        stdout.println(
            "Roles for "
                + d.slug()
                + " (set through the REST API): "
                + String.join(", ", d.roles()));
      }
      stdout.flush();
      return 0;
    }
  }
}
