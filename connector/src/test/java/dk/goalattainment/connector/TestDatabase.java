package dk.goalattainment.connector;

import dk.goalattainment.connector.store.SqlDialect;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import dk.goalattainment.connector.store.postgres.PostgresDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The databases the store contract runs on; each gives a test an empty database. */
public enum TestDatabase {
  /** A DuckDB file in the test's own temporary directory. */
  DUCKDB {
    @Override
    public SqlDialect open(Class<?> testClass, Path dir) {
      return new DuckDbDialect(dir.resolve("test.duckdb"));
    }
  },

  /**
   * A database of the shared {@link EmbeddedPostgresServer}: one per test class, created on the
   * class's first test and emptied (every table truncated) for each test after it.
   */
  POSTGRES {
    private final Map<Class<?>, String> urls = new ConcurrentHashMap<>();

    @Override
    public SqlDialect open(Class<?> testClass, Path dir) {
      String url = urls.computeIfAbsent(testClass, c -> EmbeddedPostgresServer.createDatabase(c));
      PostgresDialect dialect = new PostgresDialect(url, EmbeddedPostgresServer.USER, null, 4);
      try {
        truncateAll(dialect);
      } catch (SQLException | RuntimeException e) {
        dialect.close();
        throw new IllegalStateException("cannot empty the test database " + url, e);
      }
      return dialect;
    }

    private static void truncateAll(PostgresDialect dialect) throws SQLException {
      try (Connection c = dialect.connect();
          Statement s = c.createStatement()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery(
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname ="
                    + " current_schema()")) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
        if (!tables.isEmpty()) {
          s.execute("TRUNCATE " + String.join(", ", tables));
        }
      }
    }
  };

  /**
   * A dialect on an empty database for one test.
   *
   * @param testClass the test's class (PostgreSQL keeps one database per class)
   * @param dir the test's own temporary directory
   */
  public abstract SqlDialect open(Class<?> testClass, Path dir);
}
