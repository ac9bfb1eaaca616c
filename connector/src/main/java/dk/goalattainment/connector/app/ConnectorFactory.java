package dk.goalattainment.connector.app;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.ingest.DateWindow;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.definitions.DefinitionsLoader;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.PseudonymKeys;
import dk.goalattainment.connector.store.SqlDialect;
import dk.goalattainment.connector.store.SqlDialectProvider;
import dk.goalattainment.connector.store.SqlDialects;
import dk.goalattainment.connector.store.StoreSettings;
import dk.goalattainment.connector.store.StoreTarget;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the core's services from configuration. */
@Factory
public class ConnectorFactory {

  @Singleton
  DefinitionFiles definitionFiles(DefinitionsProperties config) {
    return config.dir() == null ? DefinitionFiles.bundled() : new DefinitionFiles(config.dir());
  }

  /** Loaded and validated eagerly: a bad catalogue stops start-up. */
  @Context
  Catalogue catalogue(DefinitionFiles files) {
    return CatalogueLoader.load(files);
  }

  /**
   * Loaded and validated (schema and semantic stages) on first use: every command that opens a
   * store, and the server at start-up, stop on bad definitions with every problem listed.
   */
  @Singleton
  CheckedDefinitions definitions(DefinitionFiles files, Catalogue catalogue) {
    return CheckedDefinitions.load(files, catalogue);
  }

  @Singleton
  StoreOpener storeOpener(
      StoreProperties store,
      PseudonymProperties pseudonym,
      IngestProperties ingest,
      Catalogue catalogue,
      CheckedDefinitions definitions,
      BeanContext context) {
    return new StoreOpener(
        store, context::getBean, pseudonym, ingest.window(), catalogue, definitions);
  }

  /**
   * Opens the configured store, or an embedded database at another path, through the {@link
   * SqlDialectProvider} of its kind: the provider reads its own configuration records ({@link
   * StoreSettings}, bound and validated here by Micronaut) and opens its database.
   */
  public static final class StoreOpener {
    private final StoreProperties store;
    private final StoreSettings settings;
    private final PseudonymProperties pseudonym;
    private final DateWindow window;
    private final Catalogue catalogue;
    private final Definitions definitions;
    private final DefinitionsLoader.Loaded loaded;

    StoreOpener(
        StoreProperties store,
        StoreSettings settings,
        PseudonymProperties pseudonym,
        DateWindow window,
        Catalogue catalogue,
        CheckedDefinitions definitions) {
      this.store = store;
      this.settings = settings;
      this.pseudonym = pseudonym;
      this.window = window;
      this.catalogue = catalogue;
      this.definitions = definitions.definitions();
      this.loaded = definitions.loaded();
    }

    /**
     * Opens the existing store that {@code connector.store.kind} names ({@code duckdb}, {@code
     * postgres} or another provider's kind); a given {@code database} is a file of the embedded
     * database opened instead, whatever the kind.
     *
     * @throws ConnectorException STORE_NOT_FOUND when there is no store there: stores are never
     *     created implicitly (see {@link #create})
     */
    public ConnectorRuntime open(Optional<Path> database) {
      return open(database, false);
    }

    /**
     * Opens the store, creating it first when it does not exist ({@code connector init}, {@code
     * --create}): the DuckDB file, or the connector's tables in the PostgreSQL database. A folder
     * named by {@code --db} must exist; only the configured store's folder is created.
     */
    public ConnectorRuntime create(Optional<Path> database) {
      return open(database, true);
    }

    private ConnectorRuntime open(Optional<Path> database, boolean create) {
      SqlDialect dialect = provider(database).open(new StoreTarget(database, settings), create);
      try {
        JdbcStore jdbc = new JdbcStore(dialect, catalogue);
        // An embedded store keeps its demo key beside its file; a server's key must be configured.
        Supplier<Pseudonymizer> key =
            dialect
                .embeddedFile()
                .<Supplier<Pseudonymizer>>map(
                    file ->
                        () ->
                            PseudonymKeys.pseudonymizer(
                                pseudonym.key(),
                                file,
                                () -> jdbc.tableCounts().getOrDefault("goal", 0L) > 0))
                .orElse(() -> PseudonymKeys.pseudonymizer(pseudonym.key(), null));
        return new ConnectorRuntime(catalogue, definitions, jdbc, key, window);
      } catch (RuntimeException e) {
        dialect.close();
        throw e;
      }
    }

    /**
     * The SQLAlchemy URI Superset reads this store's datasets with, unless one is given: the
     * provider's ({@link SqlDialectProvider#sqlalchemyUri}), e.g. the DuckDB file read-only, or
     * PostgreSQL with the read-only reader role (docs/POSTGRES.md).
     */
    public String supersetDatabaseUri(Optional<Path> database) {
      return provider(database).sqlalchemyUri(new StoreTarget(database, settings));
    }

    /** The embedded database's provider for {@code --db}, else the configured kind's. */
    private SqlDialectProvider provider(Optional<Path> database) {
      return database.isPresent() ? SqlDialects.fileStores() : SqlDialects.configured(store.kind());
    }

    public Catalogue catalogue() {
      return catalogue;
    }

    /** The checked dataset and metric definitions. */
    public Definitions definitions() {
      return definitions;
    }

    /** The definitions as loaded at start-up, with their hashes and lock. */
    public DefinitionsLoader.Loaded loadedDefinitions() {
      return loaded;
    }
  }
}
