package dk.goalattainment.connector.app;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.engine.ReportService;
import dk.goalattainment.connector.core.ingest.IngestService;
import dk.goalattainment.connector.core.ingest.RecordValidator;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.store.JdbcStore;

/** One opened store with the services that use it. Close it to release the database. */
public final class ConnectorRuntime implements AutoCloseable {
  private final Catalogue catalogue;
  private final JdbcStore store;
  private final IngestService ingest;
  private final ReportService reports;

  public ConnectorRuntime(Catalogue catalogue, JdbcStore store, Pseudonymizer pseudonymizer) {
    this.catalogue = catalogue;
    this.store = store;
    this.ingest =
        new IngestService(new RecordValidator(catalogue, pseudonymizer), store::beginIngest);
    this.reports = new ReportService(catalogue, store);
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  public JdbcStore store() {
    return store;
  }

  public IngestService ingest() {
    return ingest;
  }

  public ReportService reports() {
    return reports;
  }

  @Override
  public void close() {
    store.close();
  }
}
