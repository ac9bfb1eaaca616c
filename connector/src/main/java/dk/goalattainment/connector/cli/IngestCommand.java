package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.IngestCounts;
import dk.goalattainment.connector.core.ingest.RecordSource;
import dk.goalattainment.connector.ingest.CsvRecords;
import dk.goalattainment.connector.ingest.JsonRecords;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code connector ingest}: loads org units, goals and follow-ups in one transaction. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Loads org units, goals and follow-ups from CSV (header row; ',' or ';'; UTF-8, with or"
          + " without BOM, or Windows-1252) or JSON (an array of objects; files ending in .json)."
          + " All files go in one transaction: if any record is invalid nothing is stored, every"
          + " error is listed as 'row N, field F: rule', and the exit code is 2.",
      "Records whose id is already stored replace the stored ones. CPR numbers are replaced by"
          + " a keyed pseudonym at once and never stored, logged or printed."
    })
public class IngestCommand implements Callable<Integer> {
  /** Input formats. */
  enum Format {
    auto,
    csv,
    json
  }

  @Mixin DbOption db;

  @Option(names = "--org", paramLabel = "FILE", description = "Org units file.")
  Path org;

  @Option(names = "--goals", paramLabel = "FILE", description = "Goals file.")
  Path goals;

  @Option(names = "--followups", paramLabel = "FILE", description = "Follow-ups file.")
  Path followUps;

  @Option(
      names = "--format",
      defaultValue = "auto",
      paramLabel = "auto|csv|json",
      description = "Input format (default: ${DEFAULT-VALUE}: .json files are JSON, others CSV).")
  Format format;

  @Mixin CreateOption create;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  @Override
  public Integer call() {
    if (org == null && goals == null && followUps == null) {
      throw new ParameterException(
          spec.commandLine(), "Give at least one of --org, --goals, --followups");
    }
    IngestBatch batch =
        new IngestBatch(
            source(org, CsvRecords::orgUnits, JsonRecords::orgUnits),
            source(goals, CsvRecords::goals, JsonRecords::goals),
            source(followUps, CsvRecords::followUps, JsonRecords::followUps));
    PrintWriter out = spec.commandLine().getOut();
    try (ConnectorRuntime runtime = create.open(stores.get(), db)) {
      long started = System.nanoTime();
      IngestCounts counts;
      try (Progress progress = new Progress("ingest", -1)) {
        counts = runtime.ingest().ingest(batch, progress);
      }
      out.printf(
          "Ingested into %s in %.1f s:%n",
          runtime.store().dialect().describe(), (System.nanoTime() - started) / 1e9);
      out.print(counts.summary());
      out.flush();
      return 0;
    }
  }

  private <T> RecordSource<T> source(
      Path file, Function<Path, RecordSource<T>> csv, Function<Path, RecordSource<T>> json) {
    if (file == null) {
      return RecordSource.empty();
    }
    if (!Files.isReadable(file)) {
      throw new ParameterException(spec.commandLine(), "Cannot read the file " + file);
    }
    boolean isJson =
        format == Format.json
            || (format == Format.auto
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"));
    return isJson ? json.apply(file) : csv.apply(file);
  }
}
