package dk.goalattainment.connector.factsheet;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.demo.DemoData;
import dk.goalattainment.connector.opendata.OpenDataExport;
import dk.goalattainment.connector.store.DatasetRefresher;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small demo store (600 citizens, refreshed), built once per test run and copied for each test
 * class, so that the fact sheet tests share one ingest and refresh.
 */
public final class FactSheetData {
  static final int CITIZENS = 600;
  static final long SEED = 7;

  private static Path master;

  private FactSheetData() {}

  /** A copy of the refreshed demo database in {@code dir}. */
  public static synchronized Path copyInto(Path dir) {
    try {
      if (master == null) {
        Path home = Files.createTempDirectory("factsheet-data");
        Path db = home.resolve("demo.duckdb");
        try (TestStore store = new TestStore(new DuckDbDialect(db))) {
          store.ingest(new DemoData(TestCatalogue.get(), CITIZENS, SEED).batch());
          new DatasetRefresher(store.store).refresh(definitions(), s -> {});
        }
        master = db;
      }
      Path copy = dir.resolve("factsheet.duckdb");
      Files.copy(master, copy);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Definitions definitions() {
    return CheckedDefinitions.load(
            new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
        .definitions();
  }

  /** A sheet rendered with the open-data defaults, as the CLI and REST ask for it. */
  static byte[] render(
      FactSheetService sheets,
      String period,
      String org,
      String via,
      String format,
      FactSheetService.Variant variant) {
    return sheets
        .render(
            sheets.request(period, org, via, format, variant, OpenDataExport.Options.defaults()))
        .bytes();
  }

  /** The connector's runtime on a database, as the CLI and the service open it. */
  public static ConnectorRuntime open(Path db) {
    return new ConnectorRuntime(
        TestCatalogue.get(),
        definitions(),
        new JdbcStore(new DuckDbDialect(db), TestCatalogue.get()),
        new Pseudonymizer(TestStore.KEY));
  }
}
