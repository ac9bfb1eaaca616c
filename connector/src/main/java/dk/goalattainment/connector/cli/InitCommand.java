package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.app.PseudonymProperties;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.store.PseudonymKeys;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code connector init}: creates the store, explicitly. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the store: the DuckDB file (connector.store.duckdb-path, default"
          + " ./data/connector.duckdb, or --db) or, with connector.store.kind=postgres, the"
          + " connector's tables in the configured database. Without CONNECTOR_PSEUDONYM_KEY, an"
          + " embedded store also gets its demo pseudonym key beside it.",
      "No other command creates a store by accident (`ingest --create` and `demo --create` do it"
          + " on purpose). Running init on an existing store only brings its schema up to date."
          + " A folder named by --db must exist."
    })
public class InitCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  @Inject PseudonymProperties pseudonym;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StoreOpener opener = stores.get();
    boolean existed;
    try (ConnectorRuntime existing = opener.open(db.path())) {
      existed = true;
    } catch (ConnectorException e) {
      if (e.code() != ErrorCode.STORE_NOT_FOUND) {
        throw e;
      }
      existed = false;
    }
    try (ConnectorRuntime runtime = opener.create(db.path())) {
      String store = runtime.store().dialect().describe();
      Map<String, Long> counts = runtime.store().tableCounts();
      if (existed) {
        out.printf(
            "The store %s already exists (%,d org units, %,d goals, %,d follow-ups); its schema"
                + " is up to date.%n",
            store, counts.get("org_unit"), counts.get("goal"), counts.get("followup"));
      } else {
        out.println("Created the store " + store + ".");
      }
      if (pseudonym.key() != null && !pseudonym.key().isBlank()) {
        runtime.requirePseudonymKey();
        out.println("Pseudonym key: CONNECTOR_PSEUDONYM_KEY (configured).");
      } else if (runtime.store().dialect().embeddedFile().isPresent()) {
        runtime.requirePseudonymKey();
        out.println(
            "Pseudonym key: the demo key in "
                + PseudonymKeys.demoKeyFile(runtime.store().dialect().embeddedFile().get())
                + " (keep it with the database; for real data set CONNECTOR_PSEUDONYM_KEY"
                + " instead).");
      } else {
        out.println(
            "Pseudonym key: not set. Set CONNECTOR_PSEUDONYM_KEY (a managed secret, at least 16"
                + " bytes) before the first ingest; see docs/POSTGRES.md.");
      }
      out.println(
          "Next: connector ingest --org FILE --goals FILE --followups FILE"
              + (db.path().isPresent() ? " --db " + db.path().get() : "")
              + ", then connector refresh.");
      out.flush();
      return 0;
    }
  }
}
