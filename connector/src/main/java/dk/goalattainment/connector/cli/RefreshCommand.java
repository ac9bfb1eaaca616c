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
          + " store, from the same engine that `report` uses, in one transaction. Incremental when"
          + " it can be: only the citizens whose goals or follow-ups changed since the last refresh"
          + " are recomputed; a full refresh when asked (--full), on the first refresh, or when the"
          + " org tree, the catalogue, the periods or the definitions changed (it says which and"
          + " why). A full refresh checks the tables against their definitions before it commits."
          + " Stages with rows and times go to stderr.",
      "The data runs to the latest follow-up date, or to --as-of: a period is complete when it ends"
          + " on or before that date (period_complete); rolling windows ending later are not"
          + " materialised. When the as-of date passes the end of a quarter (new complete periods,"
          + " a new rolling window), the refresh is a full one."
    })
public class RefreshCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Option(
      names = "--full",
      description = "Rebuild everything, even when an incremental refresh could be done.")
  boolean full;

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
      refresh(
          runtime,
          new DatasetRefresher.Request(full, asOf),
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
      return 0;
    }
  }

  /**
   * Refreshes (incrementally when it can) with progress: the plan and each stage on {@code err}
   * with the time since the refresh began ({@link RefreshProgress}), then the kind of refresh, the
   * rows per table and the as-of date on {@code out} ({@code demo} and {@code serve --demo} refresh
   * this way too).
   */
  static DatasetRefresher.Result refresh(
      ConnectorRuntime runtime, PrintWriter out, PrintWriter err) {
    return refresh(runtime, DatasetRefresher.Request.DEFAULT, out, err);
  }

  /** As {@link #refresh(ConnectorRuntime, PrintWriter, PrintWriter)}, as {@code request} asks. */
  static DatasetRefresher.Result refresh(
      ConnectorRuntime runtime,
      DatasetRefresher.Request request,
      PrintWriter out,
      PrintWriter err) {
    DatasetRefresher.Result result =
        runtime.refresh(request, new RefreshProgress(err, System.console() != null));
    out.printf(
        "Refreshed %s (%s) in %.1f s:%n",
        runtime.store().dialect().describe(),
        result.kind() == DatasetRefresher.Kind.FULL ? "full" : "incremental",
        result.took().toMillis() / 1000.0);
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
