package dk.goalattainment.connector.store.testdb;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.store.SqlDialect;
import dk.goalattainment.connector.store.SqlDialectProvider;
import dk.goalattainment.connector.store.SqlDialects;
import dk.goalattainment.connector.store.StoreKind;
import dk.goalattainment.connector.store.StoreTarget;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import dk.goalattainment.connector.store.duckdb.DuckDbDialectProvider;
import dk.goalattainment.connector.store.duckdb.DuckDbSettings;
import java.nio.file.Files;
import java.sql.SQLException;

/**
 * A database added the way docs/ARCHITECTURE.md says, and only so: this package and one line in the
 * test class path's {@code META-INF/services/...SqlDialectProvider}. It is DuckDB under another
 * name ({@code testdb}), with its own settings ({@link TestDbProperties}, {@code
 * connector.store.testdb.*}); {@code AddADatabaseTest} opens it through the application's factory.
 */
public final class TestDbDialectProvider implements SqlDialectProvider {
  public static final StoreKind KIND = new StoreKind("testdb");

  /** The database underneath. */
  private static final DuckDbDialectProvider DUCKDB = new DuckDbDialectProvider();

  @Override
  public StoreKind kind() {
    return KIND;
  }

  @Override
  public SqlDialect open(StoreTarget target, boolean create) {
    TestDbProperties settings = target.settings().get(TestDbProperties.class);
    if (!create && !Files.exists(settings.file())) {
      throw new ConnectorException(
          ErrorCode.STORE_NOT_FOUND, "No testdb store at " + settings.file());
    }
    return SqlDialects.requireStore(
        new TestDbDialect(settings), create, () -> settings.file() + " has no connector tables");
  }

  @Override
  public String sqlalchemyUri(StoreTarget target) {
    return "testdb:///" + target.settings().get(TestDbProperties.class).file();
  }

  @Override
  public boolean handlesSqlalchemyUri(String uri) {
    return uri != null && uri.startsWith("testdb:");
  }

  @Override
  public String defaultSchema() {
    return DUCKDB.defaultSchema();
  }

  @Override
  public String typeName(String family) {
    return DUCKDB.typeName(family);
  }

  @Override
  public boolean isMissingTable(SQLException e) {
    return DUCKDB.isMissingTable(e);
  }

  /** DuckDB, with this package's kind. */
  static final class TestDbDialect extends DuckDbDialect {
    TestDbDialect(TestDbProperties settings) {
      super(settings.file(), new DuckDbSettings(settings.memoryLimit(), 1, null));
    }

    @Override
    public StoreKind kind() {
      return KIND;
    }
  }
}
