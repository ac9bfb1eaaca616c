package dk.goalattainment.connector.app;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.ingest.DateWindow;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.definitions.DefinitionsLoader;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import dk.goalattainment.connector.store.postgres.PostgresDialect;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;

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
      PostgresProperties postgres,
      PseudonymProperties pseudonym,
      IngestProperties ingest,
      Catalogue catalogue,
      CheckedDefinitions definitions) {
    return new StoreOpener(store, postgres, pseudonym, ingest.window(), catalogue, definitions);
  }

  /** Opens the configured store, or an embedded database at another path. */
  public static final class StoreOpener {
    private final StoreProperties store;
    private final PostgresProperties postgres;
    private final PseudonymProperties pseudonym;
    private final DateWindow window;
    private final Catalogue catalogue;
    private final Definitions definitions;
    private final DefinitionsLoader.Loaded loaded;

    StoreOpener(
        StoreProperties store,
        PostgresProperties postgres,
        PseudonymProperties pseudonym,
        DateWindow window,
        Catalogue catalogue,
        CheckedDefinitions definitions) {
      this.store = store;
      this.postgres = postgres;
      this.pseudonym = pseudonym;
      this.window = window;
      this.catalogue = catalogue;
      this.definitions = definitions.definitions();
      this.loaded = definitions.loaded();
    }

    /**
     * Opens a runtime on the store that {@code connector.store.kind} names ({@code duckdb} or
     * {@code postgres}); a given {@code database} is a DuckDB file opened instead, whatever the
     * kind.
     */
    public ConnectorRuntime open(Optional<Path> database) {
      if (database.isEmpty() && "postgres".equals(store.kind())) {
        // No demo key for a server database: the key must be configured (checked before
        // connecting).
        var pseudonymizer = PseudonymKeys.pseudonymizer(pseudonym, null);
        PostgresDialect dialect = postgres.open();
        try {
          return new ConnectorRuntime(
              catalogue, definitions, new JdbcStore(dialect, catalogue), pseudonymizer, window);
        } catch (RuntimeException e) {
          dialect.close();
          throw e;
        }
      }
      if (database.isEmpty() && !"duckdb".equals(store.kind())) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "connector.store.kind must be duckdb or postgres (got '" + store.kind() + "')");
      }
      Path file = database.orElse(store.duckdbPath());
      var pseudonymizer = PseudonymKeys.pseudonymizer(pseudonym, file);
      return new ConnectorRuntime(
          catalogue,
          definitions,
          new JdbcStore(new DuckDbDialect(file), catalogue),
          pseudonymizer,
          window);
    }

    public Catalogue catalogue() {
      return catalogue;
    }

    /** The checked dataset and metric definitions. */
    public Definitions definitions() {
      return definitions;
    }

    /** The DuckDB file used when no --db is given. */
    public Path defaultDatabase() {
      return store.duckdbPath();
    }

    /** The definitions as loaded at start-up, with their hashes and lock. */
    public DefinitionsLoader.Loaded loadedDefinitions() {
      return loaded;
    }
  }
}
