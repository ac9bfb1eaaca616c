package dk.goalattainment.connector.bench;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.store.DatasetRefresher;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.RefreshListener;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import dk.goalattainment.connector.store.duckdb.DuckDbSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A full refresh in a process of its own, so that its peak resident memory ({@code VmHWM}) is the
 * refresh's: {@code RefreshChild DB MEMORY_LIMIT THREADS}. Prints {@code seconds=… vmhwm_kib=…}.
 */
public final class RefreshChild {
  private RefreshChild() {}

  public static void main(String[] args) throws Exception {
    DefinitionFiles files = DefinitionFiles.bundled();
    Catalogue catalogue = CatalogueLoader.load(files);
    var definitions = CheckedDefinitions.load(files, catalogue).definitions();
    DuckDbSettings settings = new DuckDbSettings(args[1], Integer.parseInt(args[2]), null);
    long t0 = System.nanoTime();
    try (ConnectorRuntime rt =
        new ConnectorRuntime(
            catalogue,
            definitions,
            new JdbcStore(new DuckDbDialect(Path.of(args[0]), settings), catalogue),
            new Pseudonymizer("benchmark-pseudonym-key-0123456789"))) {
      if (args.length > 4) { // CSV_DIR ROUND: ingest a daily delta, then refresh incrementally
        Path csv = Path.of(args[3]);
        DemoCsv.Files3 f =
            new DemoCsv.Files3(
                csv.resolve("org_units.csv"),
                csv.resolve("goals.csv"),
                csv.resolve("followups.csv"),
                0,
                0,
                0);
        rt.ingest().ingest(RefreshBench.Delta.read(f).batch(Integer.parseInt(args[4])));
        t0 = System.nanoTime();
        var result =
            rt.refresh(
                DatasetRefresher.Request.DEFAULT,
                DatasetRefresher.plain(line -> System.out.println("  " + line)));
        System.out.println(result.kind() + ": " + result.reason());
      } else {
        rt.refresh(new DatasetRefresher.Request(true), RefreshListener.NONE);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String hwm = "?";
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        hwm = line.replaceAll("\\D", "");
      }
    }
    System.out.printf("seconds=%.2f vmhwm_kib=%s%n", seconds, hwm);
  }
}
