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
import picocli.CommandLine.Spec;

/** {@code connector refresh}: materialises the standard datasets as tables in the store. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = {
      "Materialises the standard datasets (dataset-definitions/datasets/*.yaml) as tables in the"
          + " store, from the same engine that `report` uses, in one transaction. The tables are"
          + " checked against their definitions before the transaction commits."
    })
public class RefreshCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  @Override
  public Integer call() {
    try (ConnectorRuntime runtime = stores.get().open(db.path())) {
      refresh(runtime, spec.commandLine().getOut(), spec.commandLine().getErr());
      return 0;
    }
  }

  /**
   * Refreshes with progress: each step on {@code err} with the time since the refresh began, then
   * the rows per table on {@code out} ({@code demo} and {@code serve --demo} refresh this way too).
   */
  static DatasetRefresher.Result refresh(
      ConnectorRuntime runtime, PrintWriter out, PrintWriter err) {
    long started = System.nanoTime();
    DatasetRefresher.Result result =
        runtime.refresh(
            step -> {
              err.printf("refresh [%6.1f s]: %s%n", (System.nanoTime() - started) / 1e9, step);
              err.flush();
            });
    out.printf(
        "Refreshed %s in %.1f s:%n",
        runtime.store().dialect().describe(), result.took().toMillis() / 1000.0);
    result.rows().forEach((table, rows) -> out.printf("  %-26s %,12d rows%n", table, rows));
    out.flush();
    return result;
  }
}
