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
import dk.goalattainment.connector.store.SqlDialect;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import java.nio.file.Path;

/** A store on any dialect with the repository's catalogue and a fixed pseudonym key, for tests. */
public final class TestStore implements AutoCloseable {
  public static final String KEY = "a-test-key-that-is-long-enough";

  /** The DuckDB file, or null when the store is not DuckDB. */
  public final Path file;

  public final JdbcStore store;
  public final IngestService ingest;

  /** A DuckDB store in {@code dir/test.duckdb}. */
  public TestStore(Path dir) {
    this(new DuckDbDialect(dir.resolve("test.duckdb")));
  }

  /** A store on {@code dialect}; closing the store closes the dialect. */
  public TestStore(SqlDialect dialect) {
    this.file = dialect instanceof DuckDbDialect duckDb ? duckDb.file() : null;
    this.store = new JdbcStore(dialect, TestCatalogue.get());
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
