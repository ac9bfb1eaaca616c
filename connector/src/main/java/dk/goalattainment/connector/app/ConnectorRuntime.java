package dk.goalattainment.connector.app;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.MaterialisedReports;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportRequest;
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
                .<MaterialisedReports>map(d -> cachedCube(store, d.table()))
                .orElse(MaterialisedReports.NONE));
  }

  /** Most cube answers kept in memory; beyond it the cache starts again. */
  private static final int CACHE_LIMIT = 20_000;

  /**
   * Reports read from the cube while it is fresh, kept in memory per request until the next refresh
   * (the cube does not change in between).
   */
  private static MaterialisedReports cachedCube(JdbcStore store, String table) {
    CubeReports cube = new CubeReports(store, table);
    java.util.concurrent.ConcurrentHashMap<ReportRequest, Report> cache =
        new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> generation =
        new java.util.concurrent.atomic.AtomicReference<>();
    return request -> {
      if (!CubeReports.covers(request) || !store.datasetsFresh()) {
        return java.util.Optional.empty();
      }
      java.time.Instant current = store.refreshGeneration().orElse(null);
      if (!java.util.Objects.equals(generation.getAndSet(current), current)
          || cache.size() > CACHE_LIMIT) {
        cache.clear();
      }
      Report cached = cache.get(request);
      if (cached != null) {
        return java.util.Optional.of(cached);
      }
      java.util.Optional<Report> report = cube.report(request);
      report.ifPresent(r -> cache.put(request, r));
      return report;
    };
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  public Definitions definitions() {
    return definitions;
  }

  /** Materialises the standard datasets; {@code progress} hears each step. */
  public DatasetRefresher.Result refresh(java.util.function.Consumer<String> progress) {
    return refresh(null, progress);
  }

  /**
   * Materialises the standard datasets with the data as of {@code asOf} (null: the latest follow-up
   * date); {@code progress} hears each step.
   */
  public DatasetRefresher.Result refresh(
      java.time.LocalDate asOf, java.util.function.Consumer<String> progress) {
    return new DatasetRefresher(store).refresh(definitions, asOf, progress);
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
