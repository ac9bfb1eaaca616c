package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.store.DatasetRefresher;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector refresh}: materialises the standard datasets as tables in the store. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = {
      "Materialises the standard datasets (dataset-definitions/datasets/*.yaml) as tables in the"
          + " store, from the same engine that `report` uses, in one transaction. Incremental when"
          + " it can be: only the citizens whose goals or follow-ups changed since the last refresh"
          + " are recomputed; a full refresh when asked (--full), on the first refresh, or when the"
          + " org tree, the catalogue, the periods or the definitions changed (it says which and"
          + " why). A full refresh checks the tables against their definitions before it commits."
          + " Stages with rows and times go to stderr."
    })
public class RefreshCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Option(
      names = "--full",
      description = "Rebuild everything, even when an incremental refresh could be done.")
  boolean full;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (ConnectorRuntime runtime = stores.get().open(db.path())) {
      DatasetRefresher.Result result =
          runtime.refresh(
              new DatasetRefresher.Request(full),
              new RefreshProgress(err, System.console() != null));
      out.printf(
          "Refreshed %s (%s) in %.1f s:%n",
          runtime.store().dialect().describe(),
          result.kind() == DatasetRefresher.Kind.FULL ? "full" : "incremental",
          result.took().toMillis() / 1000.0);
      result.rows().forEach((table, rows) -> out.printf("  %-26s %,12d rows%n", table, rows));
      out.flush();
      return 0;
    }
  }
}
