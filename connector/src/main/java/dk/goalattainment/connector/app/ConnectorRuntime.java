package dk.goalattainment.connector.app;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.MaterialisedReports;
import dk.goalattainment.connector.core.engine.ReportService;
import dk.goalattainment.connector.core.ingest.IngestService;
import dk.goalattainment.connector.core.ingest.RecordValidator;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.store.CubeReports;
import dk.goalattainment.connector.store.DatasetRefresher;
import dk.goalattainment.connector.store.JdbcStore;

/** One opened store with the services that use it. Close it to release the database. */
public final class ConnectorRuntime implements AutoCloseable {
  private final Catalogue catalogue;
  private final Definitions definitions;
  private final JdbcStore store;
  private final IngestService ingest;
  private final ReportService reports;

  public ConnectorRuntime(
      Catalogue catalogue, Definitions definitions, JdbcStore store, Pseudonymizer pseudonymizer) {
    this.catalogue = catalogue;
    this.definitions = definitions;
    this.store = store;
    this.ingest =
        new IngestService(new RecordValidator(catalogue, pseudonymizer), store::beginIngest);
    this.reports =
        new ReportService(
            catalogue,
            store,
            definitions.datasets().stream()
                .filter(d -> "attainment".equals(d.builder()))
                .findFirst()
                .<MaterialisedReports>map(
                    d -> {
                      CubeReports cube = new CubeReports(store, d.table());
                      return request ->
                          CubeReports.covers(request) && store.datasetsFresh()
                              ? cube.report(request)
                              : java.util.Optional.empty();
                    })
                .orElse(MaterialisedReports.NONE));
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  public Definitions definitions() {
    return definitions;
  }

  /** Materialises the standard datasets; {@code progress} hears each step. */
  public DatasetRefresher.Result refresh(java.util.function.Consumer<String> progress) {
    return new DatasetRefresher(store).refresh(definitions, progress);
  }

  /** The database stage of definition validation. */
  public java.util.List<String> validateDatabase() {
    return new DatasetRefresher(store).validate(definitions);
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
