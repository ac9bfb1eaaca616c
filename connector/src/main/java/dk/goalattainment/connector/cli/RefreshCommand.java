package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.store.DatasetRefresher;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.LocalDate;
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
          + " store, from the same engine that `report` uses, in one transaction. The tables are"
          + " checked against their definitions before the transaction commits.",
      "The data runs to the latest follow-up date, or to --as-of: a period is complete when it ends"
          + " on or before that date (period_complete); rolling windows ending later are not"
          + " materialised."
    })
public class RefreshCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "The date the data runs to, YYYY-MM-DD (default: the latest follow-up date). Periods"
              + " ending after it are incomplete.")
  LocalDate asOf;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  @Override
  public Integer call() {
    try (ConnectorRuntime runtime = stores.get().open(db.path())) {
      refresh(runtime, asOf, spec.commandLine().getOut(), spec.commandLine().getErr());
      return 0;
    }
  }

  /**
   * Refreshes with progress: each step on {@code err} with the time since the refresh began, then
   * the rows per table on {@code out} ({@code demo} and {@code serve --demo} refresh this way too).
   */
  static DatasetRefresher.Result refresh(
      ConnectorRuntime runtime, PrintWriter out, PrintWriter err) {
    return refresh(runtime, null, out, err);
  }

  /**
   * As {@link #refresh(ConnectorRuntime, PrintWriter, PrintWriter)}, with the data as of a date.
   */
  static DatasetRefresher.Result refresh(
      ConnectorRuntime runtime, LocalDate asOf, PrintWriter out, PrintWriter err) {
    long started = System.nanoTime();
    DatasetRefresher.Result result =
        runtime.refresh(
            asOf,
            step -> {
              err.printf("refresh [%6.1f s]: %s%n", (System.nanoTime() - started) / 1e9, step);
              err.flush();
            });
    out.printf(
        "Refreshed %s in %.1f s:%n",
        runtime.store().dialect().describe(), result.took().toMillis() / 1000.0);
    result.rows().forEach((table, rows) -> out.printf("  %-26s %,12d rows%n", table, rows));
    out.println(
        result.asOf() == null
            ? "No follow-up yet: no period is complete."
            : "Data as of "
                + result.asOf()
                + ": periods ending on or before it are complete (period_complete).");
    out.flush();
    return result;
  }
}
