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
import dk.goalattainment.connector.store.PseudonymKeys;
import dk.goalattainment.connector.store.StoreKind;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import dk.goalattainment.connector.store.duckdb.DuckDbSettings;
import dk.goalattainment.connector.store.postgres.PostgresDialect;
import dk.goalattainment.connector.store.postgres.PostgresUrl;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Files;
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
      CheckedDefinitions definitions,
      DuckDbProperties duckdb) {
    return new StoreOpener(store, postgres, pseudonym, ingest.window(), catalogue, definitions)
        .withDuckDb(duckdb.settings());
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
    private DuckDbSettings duckdb = DuckDbSettings.DEFAULT;

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

    /** The embedded DuckDB's memory, threads and temporary directory. */
    StoreOpener withDuckDb(DuckDbSettings settings) {
      this.duckdb = settings;
      return this;
    }

    /**
     * Opens the existing store that {@code connector.store.kind} names ({@code duckdb} or {@code
     * postgres}); a given {@code database} is a DuckDB file opened instead, whatever the kind.
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
      if (database.isEmpty() && kind() == StoreKind.POSTGRES) {
        PostgresDialect dialect = postgres.open();
        try {
          if (!create && !JdbcStore.isStore(dialect)) {
            throw new ConnectorException(
                ErrorCode.STORE_NOT_FOUND,
                dialect.describe()
                    + " has no connector tables: is this the right database? Create the store"
                    + " with `connector init` (or `connector ingest --create`), see"
                    + " docs/POSTGRES.md.");
          }
          // No demo key for a server database: the key must be configured, and is looked up
          // when it is first needed (ingest, serve).
          return new ConnectorRuntime(
              catalogue,
              definitions,
              new JdbcStore(dialect, catalogue),
              () -> PseudonymKeys.pseudonymizer(pseudonym.key(), null),
              window);
        } catch (RuntimeException e) {
          dialect.close();
          throw e;
        }
      }
      Path file = duckDbFile(database, create);
      DuckDbDialect dialect = new DuckDbDialect(file, duckdb);
      try {
        if (!create && !JdbcStore.isStore(dialect)) {
          throw new ConnectorException(
              ErrorCode.STORE_NOT_FOUND,
              file + " is a DuckDB file without the connector's tables, not a connector store.");
        }
        JdbcStore jdbc = new JdbcStore(dialect, catalogue);
        return new ConnectorRuntime(
            catalogue,
            definitions,
            jdbc,
            () ->
                PseudonymKeys.pseudonymizer(
                    pseudonym.key(), file, () -> jdbc.tableCounts().getOrDefault("goal", 0L) > 0),
            window);
      } catch (RuntimeException e) {
        dialect.close();
        throw e;
      }
    }

    /**
     * The DuckDB file of a store: {@code --db}, or the configured one. When it does not exist it is
     * an error, unless {@code create}; a missing folder is created only for the configured path,
     * never for {@code --db}.
     */
    private Path duckDbFile(Optional<Path> database, boolean create) {
      if (database.isEmpty() && kind() != StoreKind.DUCKDB) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "connector.store.kind must be duckdb or postgres (got '" + store.kind() + "')");
      }
      Path file = database.orElse(store.duckdbPath()).toAbsolutePath().normalize();
      if (Files.exists(file)) {
        return file;
      }
      String option = database.isPresent() ? "--db" : "connector.store.duckdb-path";
      if (!create) {
        throw new ConnectorException(
            ErrorCode.STORE_NOT_FOUND,
            "No store at "
                + file
                + " ("
                + option
                + "). Stores are never created implicitly: check the path, or create one with"
                + " `connector init"
                + (database.isPresent() ? " --db " + database.get() : "")
                + "` (or `ingest --create`, `demo --create`).");
      }
      Path folder = file.getParent();
      if (folder != null && !Files.isDirectory(folder)) {
        if (database.isPresent()) {
          throw new ConnectorException(
              ErrorCode.STORE_NOT_FOUND,
              "The folder "
                  + folder
                  + " of --db does not exist; it is not created for you (a typo would hide"
                  + " there). Create it first, or check the path.");
        }
        try {
          Files.createDirectories(folder);
        } catch (java.io.IOException e) {
          throw new ConnectorException(
              ErrorCode.CONFIGURATION_INVALID,
              "Cannot create the store's folder " + folder + ": " + e.getMessage(),
              e);
        }
      }
      return file;
    }

    /**
     * The SQLAlchemy URI Superset reads this store's datasets with, unless one is given: for DuckDB
     * the file, read-only ({@code duckdb:////ABSOLUTE/PATH?access_mode=read_only}; the file must
     * exist); for PostgreSQL {@code postgresql+psycopg2://READER[:PASSWORD]@host:port/db} with the
     * read-only role {@code connector.store.postgres.reader-user} and its password {@code
     * .reader-password} (docs/POSTGRES.md), and the URL's {@code sslmode}. The password is only
     * ever shown masked.
     */
    public String supersetDatabaseUri(Optional<Path> database) {
      if (database.isEmpty() && kind() == StoreKind.POSTGRES) {
        PostgresUrl.Server server = postgres.target().server();
        if (server.multiHost()) {
          throw new ConnectorException(
              ErrorCode.CONFIGURATION_INVALID,
              "The PostgreSQL URL names several hosts: give Superset's URI with --database-uri.");
        }
        String reader = postgres.readerUser();
        String password = postgres.readerPassword();
        return "postgresql+psycopg2://"
            + uriEncode(reader)
            + (password == null || password.isEmpty() ? "" : ":" + uriEncode(password))
            + "@"
            + server.hosts()
            + ":"
            + server.ports()
            + "/"
            + uriEncode(server.database())
            + server.sslMode().map(m -> "?sslmode=" + uriEncode(m)).orElse("");
      }
      Path file = duckDbFile(database, false);
      return "duckdb:///" + file + "?access_mode=read_only";
    }

    private static String uriEncode(String s) {
      return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
          .replace("+", "%20");
    }

    /** The configured kind of store, or null when {@code connector.store.kind} names none. */
    private StoreKind kind() {
      return StoreKind.fromCode(store.kind()).orElse(null);
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
