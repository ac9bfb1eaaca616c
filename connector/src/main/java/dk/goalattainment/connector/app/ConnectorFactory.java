package dk.goalattainment.connector.app;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import dk.goalattainment.connector.definitions.DefinitionFiles;
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

  @Singleton
  StoreOpener storeOpener(
      StoreProperties store,
      PostgresProperties postgres,
      PseudonymProperties pseudonym,
      Catalogue catalogue) {
    return new StoreOpener(store, postgres, pseudonym, catalogue);
  }

  /** Opens the configured store, or an embedded database at another path. */
  public static final class StoreOpener {
    private final StoreProperties store;
    private final PostgresProperties postgres;
    private final PseudonymProperties pseudonym;
    private final Catalogue catalogue;

    StoreOpener(
        StoreProperties store,
        PostgresProperties postgres,
        PseudonymProperties pseudonym,
        Catalogue catalogue) {
      this.store = store;
      this.postgres = postgres;
      this.pseudonym = pseudonym;
      this.catalogue = catalogue;
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
          return new ConnectorRuntime(catalogue, new JdbcStore(dialect, catalogue), pseudonymizer);
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
          catalogue, new JdbcStore(new DuckDbDialect(file), catalogue), pseudonymizer);
    }

    public Catalogue catalogue() {
      return catalogue;
    }
  }
}
