package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.dashboards.DashboardBundleBuilder;
import dk.goalattainment.connector.dashboards.DashboardSpecs;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.http.HttpProperties;
import dk.goalattainment.connector.superset.SupersetDesiredState;
import dk.goalattainment.connector.superset.client.AuthProvider;
import dk.goalattainment.connector.superset.client.SupersetClient;
import dk.goalattainment.connector.superset.client.SupersetConfig;
import dk.goalattainment.connector.superset.sync.DashboardAssets;
import dk.goalattainment.connector.superset.sync.DatabaseSpec;
import dk.goalattainment.connector.superset.sync.DesiredState;
import dk.goalattainment.connector.superset.sync.Ownership;
import dk.goalattainment.connector.superset.sync.SupersetSync;
import dk.goalattainment.connector.superset.sync.SyncOptions;
import dk.goalattainment.connector.superset.sync.SyncResult;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector superset …}: registers the standard datasets in Apache Superset. */
@Command(
    name = "superset",
    mixinStandardHelpOptions = true,
    description =
        "Apache Superset: register the standard datasets, metrics, row-level security and"
            + " dashboards.",
    subcommands = {SupersetCommand.Sync.class})
public class SupersetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code connector superset sync}. */
  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a plan of every asset (role, database, dataset, metric, column, RLS rule,"
            + " dashboard with its role access) as create, update, delete or unchanged, then"
            + " applies it (unless --dry-run). Idempotent: a second run with nothing changed sends"
            + " no write request. Assets get deterministic UUIDs and is_managed_externally; --prune"
            + " deletes managed assets that are no longer defined.",
        "Row-level security: every org node gets a rule per dataset that limits rows to its"
            + " subtree, for the role named by dataset-definitions/superset-roles.yaml (the roles"
            + " must exist in Superset, or --create-roles creates them)."
      })
  public static class Sync implements Callable<Integer> {
    @Mixin DbOption db;

    @Option(
        names = "--url",
        required = true,
        paramLabel = "URL",
        description = "Superset's base URL.")
    URI url;

    @Option(
        names = "--username",
        defaultValue = "admin",
        paramLabel = "U",
        description = "Superset user (default: ${DEFAULT-VALUE}).")
    String username;

    @Option(
        names = "--password-env",
        defaultValue = "SUPERSET_PASSWORD",
        paramLabel = "VAR",
        description =
            "Environment variable holding the password (default: ${DEFAULT-VALUE}; a Java system"
                + " property of that name works too).")
    String passwordEnv;

    @Option(
        names = "--provider",
        defaultValue = "db",
        paramLabel = "db|ldap",
        description = "Login provider (default: ${DEFAULT-VALUE}).")
    String provider;

    @Option(
        names = "--database-uri",
        paramLabel = "URI",
        description =
            "SQLAlchemy URI Superset reads the datasets with (default: the configured store's:"
                + " the DuckDB file, read-only, duckdb:////ABSOLUTE/PATH?access_mode=read_only;"
                + " on PostgreSQL postgresql+psycopg2://READER:PASSWORD@host:5432/db with the"
                + " reader role of connector.store.postgres.reader-user/-password).")
    String databaseUri;

    @Option(
        names = "--database-name",
        defaultValue = "Målopfyldelse (connector)",
        paramLabel = "NAME",
        description = "Superset database name (default: ${DEFAULT-VALUE}).")
    String databaseName;

    @Option(
        names = "--schema",
        paramLabel = "S",
        description = "Schema of the tables (default: main for DuckDB, public for PostgreSQL).")
    String schema;

    @Option(
        names = "--external-url",
        defaultValue = "http://localhost:8080",
        paramLabel = "URL",
        description =
            "Base URL of the connector service; assets link to their definitions under it"
                + " (default: ${DEFAULT-VALUE}).")
    String externalUrl;

    @Option(
        names = "--roles",
        paramLabel = "FILE",
        description =
            "Org node → Superset role mapping (default: the bundled superset-roles.yaml).")
    Path roles;

    @Option(names = "--no-rls", description = "Do not manage row-level security rules.")
    boolean noRls;

    @Option(
        names = "--dashboards",
        paramLabel = "DIR",
        description =
            "Dashboard specs to import with the datasets (default: the dashboards shipped in the"
                + " jar).")
    Path dashboards;

    @Option(names = "--no-dashboards", description = "Do not manage the dashboards.")
    boolean noDashboards;

    @Option(
        names = "--create-roles",
        description =
            "Create the roles that the role mapping and the dashboards name and Superset lacks"
                + " (with no permissions of their own: an admin assigns users and base roles)."
                + " Without it, a missing role stops the sync.")
    boolean createRoles;

    @Option(names = "--dry-run", description = "Print the plan only; send no write request.")
    boolean dryRun;

    @Option(names = "--prune", description = "Delete managed assets that are no longer defined.")
    boolean prune;

    @Spec CommandSpec spec;

    @Inject BeanProvider<StoreOpener> stores;

    @Inject DefinitionFiles definitionFiles;

    @Inject HttpProperties httpProperties;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      String password = System.getenv(passwordEnv);
      if (password == null) {
        password = System.getProperty(passwordEnv);
      }
      if (password == null || password.isEmpty()) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "Set the Superset password in the environment variable " + passwordEnv);
      }
      AuthProvider auth = "ldap".equalsIgnoreCase(provider) ? AuthProvider.LDAP : AuthProvider.DB;
      SupersetDesiredState.RoleMapping mapping =
          roles == null
              ? SupersetDesiredState.RoleMapping.parse(
                  definitionFiles.read(SupersetDesiredState.ROLES_FILE),
                  definitionFiles.describe(SupersetDesiredState.ROLES_FILE))
              : SupersetDesiredState.RoleMapping.parse(Files.readString(roles), roles.toString());
      String uri = databaseUri != null ? databaseUri : stores.get().supersetDatabaseUri(db.path());
      String effectiveSchema = schema != null ? schema : SupersetDesiredState.defaultSchema(uri);
      SupersetDesiredState.Settings settings =
          new SupersetDesiredState.Settings(
              databaseName, uri, effectiveSchema, externalUrl, !noRls);
      DesiredState desired;
      try (ConnectorRuntime runtime = stores.get().open(db.path())) {
        DatabaseSpec databaseSpec = SupersetDesiredState.database(settings);
        DashboardAssets assets =
            noDashboards
                ? null
                : new DashboardBundleBuilder(
                        runtime.definitions(),
                        databaseSpec,
                        databaseSpec.uuid(),
                        effectiveSchema,
                        externalUrl)
                    .assets(DashboardSpecs.load(dashboards));
        desired =
            SupersetDesiredState.of(
                runtime.definitions(), runtime.store().orgUnits(), mapping, settings, assets);
      }
      try (SupersetClient client =
          new SupersetClient(
              SupersetConfig.of(url, username, password, auth, httpProperties.settings()))) {
        SyncResult result =
            new SupersetSync(client, Ownership.DEFAULT)
                .run(desired, new SyncOptions(dryRun, prune, createRoles), out::println);
        out.flush();
        return result == null ? 1 : 0;
      }
    }
  }
}
