package dk.goalattainment.connector.store.duckdb;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.schema.StoreSchema;
import dk.goalattainment.connector.store.BulkWriter;
import dk.goalattainment.connector.store.SchemaDdl;
import dk.goalattainment.connector.store.SqlDialect;
import dk.goalattainment.connector.store.StoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB, embedded: one database instance per file and process, shared by all connections (each
 * {@link #connect()} duplicates the first). A second process cannot open the same file for writing;
 * DuckDB's lock says so and the message is passed on.
 */
public class DuckDbDialect implements SqlDialect {
  private final Path file;
  private final DuckDBConnection root;

  /** Where an ingest's staging files go: DuckDB's temp directory if one is set, else Java's. */
  private final Path stageDirectory;

  /** A DuckDB file with the {@linkplain DuckDbSettings#DEFAULT default} settings. */
  public DuckDbDialect(Path file) {
    this(file, DuckDbSettings.DEFAULT);
  }

  /** A DuckDB file with bounded memory and threads ({@link DuckDbSettings}). */
  public DuckDbDialect(Path file, DuckDbSettings settings) {
    this.file = file.toAbsolutePath().normalize();
    this.stageDirectory =
        settings.tempDirectory() != null
            ? settings.tempDirectory()
            : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      Path dir = this.file.getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Properties config = new Properties();
      config.setProperty("memory_limit", settings.memoryLimit());
      config.setProperty("threads", Integer.toString(settings.threads()));
      // ORDER BY is still kept; without one, DuckDB may reorder and needs less memory for it
      config.setProperty("preserve_insertion_order", "false");
      if (settings.tempDirectory() != null) {
        Files.createDirectories(settings.tempDirectory());
        config.setProperty("temp_directory", settings.tempDirectory().toString());
      }
      this.root =
          DriverManager.getConnection("jdbc:duckdb:" + this.file, config)
              .unwrap(DuckDBConnection.class);
    } catch (IOException | SQLException e) {
      throw new ConnectorException(
          ErrorCode.STORE_FAILURE,
          "Cannot open the DuckDB database " + this.file + ": " + e.getMessage(),
          e);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public Optional<Path> embeddedFile() {
    return Optional.of(file);
  }

  @Override
  public StoreKind kind() {
    return DuckDbDialectProvider.KIND;
  }

  @Override
  public String describe() {
    return "DuckDB " + file;
  }

  @Override
  public String doubleType() {
    return "DOUBLE";
  }

  @Override
  public String integerDivide(String dividend, String divisor) {
    return "((" + dividend + ") // (" + divisor + "))";
  }

  /** A column store with zone maps: no index (each would slow every write of a refresh). */
  @Override
  public boolean indexesDatasets() {
    return false;
  }

  @Override
  public Connection connect() throws SQLException {
    return root.duplicate();
  }

  /**
   * The store schema without the ingest's stage tables, which are each ingest's own temporary
   * tables ({@link #stageStatements()}); stage tables that stores made before kept in the file are
   * dropped.
   */
  @Override
  public List<String> schemaStatements() {
    List<String> ddl =
        new ArrayList<>(
            SchemaDdl.render(
                StoreSchema.Type::name, false, "", t -> t.kind() != StoreSchema.Kind.STAGE));
    for (String stage : SchemaDdl.stageTables()) {
      ddl.add("DROP TABLE IF EXISTS " + stage);
    }
    return ddl;
  }

  /**
   * The stage tables as temporary tables of the ingest's connection: DuckDB keeps them in memory
   * (spilling to its temp directory under memory pressure) instead of writing a batch into the
   * database file once to stage it and again to store it, and drops them with the connection.
   */
  @Override
  public List<String> stageStatements() {
    List<String> ddl =
        new ArrayList<>(
            SchemaDdl.render(
                StoreSchema.Type::name, false, "TEMP ", t -> t.kind() == StoreSchema.Kind.STAGE));
    for (String stage : SchemaDdl.stageTables()) {
      ddl.add("DELETE FROM " + stage);
    }
    return ddl;
  }

  /** Stage rows reach {@link CsvFileStageWriter} already encoded as CSV (ADR 0028). */
  @Override
  public boolean stagesCsv() {
    return true;
  }

  /**
   * Stage tables are loaded from a staging file by DuckDB's CSV reader ({@link
   * CsvFileStageWriter}).
   */
  @Override
  public BulkWriter stageWriter(Connection connection, String table, List<String> columns)
      throws SQLException {
    BulkWriter w = CsvFileStageWriter.forStageTable(connection, table, columns, stageDirectory);
    if (w == null) {
      throw new SQLException(table + " is not a stage table of the store schema");
    }
    return w;
  }

  @Override
  public BulkWriter bulkWriter(Connection connection, String table, List<String> columns)
      throws SQLException {
    DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(table);
    return new BulkWriter() {
      @Override
      public void append(Object... values) throws SQLException {
        appender.beginRow();
        for (Object v : values) {
          if (v == null) {
            appender.appendNull();
          } else if (v instanceof String s) {
            appender.append(s);
          } else if (v instanceof Integer i) {
            appender.append(i.intValue());
          } else if (v instanceof Long l) {
            appender.append(l.longValue());
          } else if (v instanceof LocalDate d) {
            appender.append(d);
          } else if (v instanceof Boolean b) {
            appender.append(b.booleanValue());
          } else if (v instanceof Double d) {
            appender.append(d.doubleValue());
          } else {
            throw new SQLException("unsupported value type " + v.getClass().getSimpleName());
          }
        }
        appender.endRow();
      }

      @Override
      public void close() throws SQLException {
        appender.close();
      }
    };
  }

  @Override
  public void close() {
    try {
      root.close();
    } catch (SQLException e) {
      // closing: nothing more to do
    }
  }
}
