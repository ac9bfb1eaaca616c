package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.ingest.IngestCounts;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.demo.DemoData;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector demo}: generates the synthetic Aarhus-shaped data set and ingests it. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a deterministic synthetic data set shaped like Aarhus (org tree with areas FBU,"
          + " SUV and VH, authority, provider and external units, units closed part-way; all"
          + " target groups; goals of all three types set 2018-2021; several follow-ups per"
          + " goal), ingests it through the normal validation and pseudonymisation, and prints"
          + " the fact sheet.",
      "Then it refreshes the standard datasets (as `connector refresh`; --no-refresh skips it),"
          + " as `serve --demo` does. Progress goes to stderr: each stage with its counts and"
          + " times.",
      "Running it again with the same --citizens and --seed replaces the same records. A new"
          + " store needs --create (or `connector init` first)."
    })
public class DemoCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Option(
      names = "--citizens",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Number of citizens (default: ${DEFAULT-VALUE}); scales to millions.")
  long citizens;

  @Option(
      names = "--seed",
      defaultValue = "20180101",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--fact-sheet-period",
      defaultValue = "2021",
      paramLabel = "P",
      description = "Period of the fact sheet printed at the end (default: ${DEFAULT-VALUE}).")
  String factSheetPeriod;

  @Option(names = "--no-fact-sheet", description = "Do not print the fact sheet after ingesting.")
  boolean noFactSheet;

  @Option(
      names = "--no-refresh",
      description = "Do not refresh the standard datasets after ingesting.")
  boolean noRefresh;

  @Mixin CreateOption create;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  @Override
  public Integer call() {
    if (citizens < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--citizens must be 0 or more");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Period period =
        Period.tryParse(factSheetPeriod)
            .orElseThrow(
                () ->
                    new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--fact-sheet-period is not a period"));
    try (ConnectorRuntime runtime = create.open(stores.get(), db)) {
      load(runtime, citizens, seed, out, err);
      if (!noRefresh) {
        err.println("demo: refreshing the standard datasets…");
        err.flush();
        RefreshCommand.refresh(runtime, out, err);
        out.println();
      }
      if (!noFactSheet) {
        out.print(FactSheet.render(runtime.reports(), "SOC", Via.AUTHORITY, period));
        out.println();
        out.println(
            "More: connector report --period 2021-Q4 --org FBU --by org_child --format csv");
      }
      out.flush();
      return 0;
    }
  }

  /**
   * Generates the demo data and ingests it with progress: the stage on {@code err} (and a progress
   * bar, or a line every few seconds in a log), the counts and time on {@code out}.
   */
  static IngestCounts load(
      ConnectorRuntime runtime, long citizens, long seed, PrintWriter out, PrintWriter err) {
    DemoData demo = new DemoData(runtime.catalogue(), citizens, seed);
    err.printf(
        "demo: generating %,d citizens (about %,d records) and ingesting them into %s"
            + " (validation and pseudonymisation)…%n",
        citizens, demo.estimatedRecords(), runtime.store().dialect().describe());
    err.flush();
    IngestCounts counts;
    long started = System.nanoTime();
    try (Progress progress = new Progress("demo", demo.estimatedRecords())) {
      counts = runtime.ingest().ingest(demo.batch(), progress);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "Demo data (%,d citizens, seed %d) ingested into %s in %.1f s:%n",
        citizens, seed, runtime.store().dialect().describe(), seconds);
    out.print(counts.summary());
    out.println();
    out.flush();
    return counts;
  }
}
