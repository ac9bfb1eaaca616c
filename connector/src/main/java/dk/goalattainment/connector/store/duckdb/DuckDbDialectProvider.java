package dk.goalattainment.connector.store.duckdb;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.store.ParquetWriter;
import dk.goalattainment.connector.store.SqlDialect;
import dk.goalattainment.connector.store.SqlDialectProvider;
import dk.goalattainment.connector.store.SqlDialects;
import dk.goalattainment.connector.store.StoreKind;
import dk.goalattainment.connector.store.StoreTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * DuckDB, embedded: a store is one file ({@code connector.store.duckdb-path}, or {@code --db}),
 * opened with bounded memory and threads ({@code connector.store.duckdb.*}); {@code main} schema,
 * its type names and "Table ... does not exist" errors.
 */
public final class DuckDbDialectProvider implements SqlDialectProvider {
  /** {@code duckdb}. */
  public static final StoreKind KIND = new StoreKind("duckdb");

  @Override
  public StoreKind kind() {
    return KIND;
  }

  @Override
  public boolean opensFiles() {
    return true;
  }

  @Override
  public SqlDialect open(StoreTarget target, boolean create) {
    // the settings first: a bad one is a configuration error whether or not the file exists
    DuckDbSettings settings = target.settings().get(DuckDbProperties.class).settings();
    Path file = file(target, create);
    DuckDbDialect dialect = new DuckDbDialect(file, settings);
    return SqlDialects.requireStore(
        dialect,
        create,
        () -> file + " is a DuckDB file without the connector's tables, not a connector store.");
  }

  /** The file, read-only: {@code duckdb:////ABSOLUTE/PATH?access_mode=read_only}; it must exist. */
  @Override
  public String sqlalchemyUri(StoreTarget target) {
    return "duckdb:///" + file(target, false) + "?access_mode=read_only";
  }

  /**
   * The DuckDB file of a store: {@code --db}, or the configured one. When it does not exist it is
   * an error, unless {@code create}; a missing folder is created only for the configured path,
   * never for {@code --db}.
   */
  private static Path file(StoreTarget target, boolean create) {
    Optional<Path> database = target.file();
    Path file =
        database
            .orElseGet(() -> target.settings().get(DuckDbFileProperties.class).duckdbPath())
            .toAbsolutePath()
            .normalize();
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
      } catch (IOException e) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "Cannot create the store's folder " + folder + ": " + e.getMessage(),
            e);
      }
    }
    return file;
  }

  @Override
  public boolean handlesSqlalchemyUri(String uri) {
    return uri != null && uri.toLowerCase(Locale.ROOT).startsWith("duckdb:");
  }

  @Override
  public String defaultSchema() {
    return "main";
  }

  @Override
  public String typeName(String family) {
    return family;
  }

  @Override
  public boolean isMissingTable(SQLException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("table") && m.contains("does not exist");
  }

  @Override
  public Optional<ParquetWriter> parquetWriter() {
    return Optional.of(new DuckDbParquetWriter());
  }
}
