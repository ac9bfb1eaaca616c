package dk.goalattainment.connector.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dk.goalattainment.connector.core.access.AccessPolicy;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.AttainmentReader;
import dk.goalattainment.connector.core.engine.Datasets;
import dk.goalattainment.connector.core.engine.MaterialisedReports;
import dk.goalattainment.connector.core.engine.Refreshes;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportService;
import dk.goalattainment.connector.core.ingest.DateWindow;
import dk.goalattainment.connector.core.ingest.IngestService;
import dk.goalattainment.connector.core.ingest.RecordValidator;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.factsheet.FactSheetService;
import dk.goalattainment.connector.opendata.OpenDataExport;
import dk.goalattainment.connector.opendata.PublicFigures;
import dk.goalattainment.connector.store.CubeReports;
import dk.goalattainment.connector.store.DatasetQueries;
import dk.goalattainment.connector.store.DatasetRefresher;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.RefreshListener;
import dk.goalattainment.connector.store.RefreshOutcomes;
import dk.goalattainment.connector.store.UnplaceableRecords;

/** One opened store with the services that use it. Close it to release the database. */
public final class ConnectorRuntime implements AutoCloseable {
  private final Catalogue catalogue;
  private final Definitions definitions;
  private final JdbcStore store;
  private final java.util.function.Supplier<Pseudonymizer> pseudonymizer;
  private volatile IngestService ingest;
  private final ReportService reports;
  private final DateWindow window;
  private final AccessPolicy access;

  public ConnectorRuntime(
      Catalogue catalogue, Definitions definitions, JdbcStore store, Pseudonymizer pseudonymizer) {
    this(catalogue, definitions, store, () -> pseudonymizer, DateWindow.defaults());
  }

  /**
   * A runtime whose pseudonym key is looked up on first use ({@link #ingest()} or {@link
   * #requirePseudonymKey()}), so commands that only read never touch the key nor warn about it, and
   * whose ingest accepts, and whose refresh can place, the dates of {@code window}.
   */
  public ConnectorRuntime(
      Catalogue catalogue,
      Definitions definitions,
      JdbcStore store,
      java.util.function.Supplier<Pseudonymizer> pseudonymizer,
      DateWindow window) {
    this.catalogue = catalogue;
    this.definitions = definitions;
    this.store = store;
    this.pseudonymizer = pseudonymizer;
    this.window = window;
    this.access = new AccessPolicy(store);
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

  /** Most cube answers kept in memory (least recently used go first). */
  private static final int CACHE_LIMIT = 20_000;

  /** Cube answers, dropped at every refresh (this process's, or another's seen by freshness). */
  private final Cache<ReportRequest, Report> cubeAnswers =
      Caffeine.newBuilder().maximumSize(CACHE_LIMIT).build();

  /**
   * Reports read from the cube while it is fresh, kept in memory per request until the next refresh
   * (the cube does not change in between).
   */
  private MaterialisedReports cachedCube(JdbcStore store, String table) {
    CubeReports cube = new CubeReports(store, table);
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> generation =
        new java.util.concurrent.atomic.AtomicReference<>();
    return request -> {
      if (!CubeReports.covers(request) || !store.datasetsFresh()) {
        return java.util.Optional.empty();
      }
      java.time.Instant current = store.refreshGeneration().orElse(null);
      if (!java.util.Objects.equals(generation.getAndSet(current), current)) {
        cubeAnswers.invalidateAll();
      }
      Report cached = cubeAnswers.getIfPresent(request);
      if (cached != null) {
        return java.util.Optional.of(cached);
      }
      java.util.Optional<Report> report = cube.report(request);
      report.ifPresent(r -> cubeAnswers.put(request, r));
      return report;
    };
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  public Definitions definitions() {
    return definitions;
  }

  /**
   * Materialises the standard datasets; {@code progress} hears each step. First checks that every
   * stored record can be placed in a period: a record with a date outside the window (stored before
   * the ingest checked dates) stops the refresh with {@link
   * dk.goalattainment.connector.core.error.ErrorCode#STORED_DATA_INVALID}, naming it.
   */
  public DatasetRefresher.Result refresh(java.util.function.Consumer<String> progress) {
    return refresh(DatasetRefresher.Request.DEFAULT, DatasetRefresher.plain(progress));
  }

  /**
   * Materialises the standard datasets with the data as of {@code asOf} (null: the latest follow-up
   * date); {@code progress} hears each step. Checks first that every stored record can be placed,
   * as {@link #refresh(java.util.function.Consumer)} says.
   */
  public DatasetRefresher.Result refresh(
      java.time.LocalDate asOf, java.util.function.Consumer<String> progress) {
    return refresh(new DatasetRefresher.Request(false, asOf), DatasetRefresher.plain(progress));
  }

  /**
   * Materialises the standard datasets, incrementally when it can ({@code request.full()} forces a
   * full refresh), with the data as of {@code request.asOf()} (null: the latest follow-up date);
   * {@code listener} hears each stage. Checks first that every stored record can be placed, as
   * {@link #refresh(java.util.function.Consumer)} says. A second refresh while one runs is refused.
   */
  public DatasetRefresher.Result refresh(
      DatasetRefresher.Request request, RefreshListener listener) {
    new UnplaceableRecords(store).requireNone(window);
    try {
      return new DatasetRefresher(store).refresh(definitions, request, listener);
    } finally {
      cubeAnswers.invalidateAll();
    }
  }

  /**
   * Refreshing through the core's port: {@link #refresh(DatasetRefresher.Request, RefreshListener)}
   * with the data as of the latest follow-up date, told as {@link Refreshes.Outcome}.
   */
  public Refreshes refreshes() {
    return (full, stages) ->
        RefreshOutcomes.of(
            refresh(new DatasetRefresher.Request(full), RefreshOutcomes.listener(stages)));
  }

  /** The materialised datasets through the core's port: rows, counts, metric values, freshness. */
  public Datasets datasets() {
    return new DatasetQueries(store);
  }

  /** The org tree and reports through the core's port. */
  public AttainmentReader reader() {
    return store;
  }

  /** The kind of database the store runs on ({@code duckdb}, {@code postgres}). */
  public String database() {
    return store.dialect().name();
  }

  /**
   * Asks the database for an answer within {@code timeoutSeconds}.
   *
   * @throws dk.goalattainment.connector.core.error.ConnectorException when it does not answer
   */
  public void ping(int timeoutSeconds) {
    store.ping(timeoutSeconds);
  }

  /** The public, disclosure-controlled figures of this store's current refresh. */
  public PublicFigures publicFigures(OpenDataExport.Options options) {
    return new PublicFigures(store, definitions, catalogue, options);
  }

  /** Who may see and do what: the one policy every endpoint asks. */
  public AccessPolicy access() {
    return access;
  }

  /** The database stage of definition validation. */
  public java.util.List<String> validateDatabase() {
    return new DatasetRefresher(store).validate(definitions);
  }

  public JdbcStore store() {
    return store;
  }

  /** The ingest service; the first call looks up the pseudonym key (and may fail on it). */
  public IngestService ingest() {
    IngestService service = ingest;
    if (service == null) {
      synchronized (this) {
        if (ingest == null) {
          ingest =
              new IngestService(
                  new RecordValidator(catalogue, pseudonymizer.get(), window), store::beginIngest);
        }
        service = ingest;
      }
    }
    return service;
  }

  /**
   * Looks up the pseudonym key now, as {@code serve} does at start: a missing or lost key fails
   * here rather than at the first ingest, and the demo-key warning shows when the service starts.
   */
  public void requirePseudonymKey() {
    ingest();
  }

  public ReportService reports() {
    return reports;
  }

  /** The fact sheets of this store, with the given texts. */
  public FactSheetService factSheets(FactSheetService.Texts texts) {
    return new FactSheetService(reports, store, definitions, catalogue, texts);
  }

  @Override
  public void close() {
    store.close();
  }
}
