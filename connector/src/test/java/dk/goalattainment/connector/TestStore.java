package dk.goalattainment.connector;

import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.IngestCounts;
import dk.goalattainment.connector.core.ingest.IngestService;
import dk.goalattainment.connector.core.ingest.RecordValidator;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import java.nio.file.Path;

/** A DuckDB store in a temporary directory with the repository's catalogue, for tests. */
public final class TestStore implements AutoCloseable {
  public static final String KEY = "a-test-key-that-is-long-enough";
  public final Path file;
  public final JdbcStore store;
  public final IngestService ingest;

  public TestStore(Path dir) {
    this.file = dir.resolve("test.duckdb");
    this.store = new JdbcStore(new DuckDbDialect(file), TestCatalogue.get());
    this.ingest =
        new IngestService(
            new RecordValidator(TestCatalogue.get(), new Pseudonymizer(KEY)), store::beginIngest);
  }

  public IngestCounts ingest(IngestBatch batch) {
    return ingest.ingest(batch);
  }

  public Report report(String period, String org, Via via, Grouping grouping) {
    return store.report(
        new ReportRequest(Period.tryParse(period).orElseThrow(), org, via, grouping));
  }

  @Override
  public void close() {
    store.close();
  }
}
