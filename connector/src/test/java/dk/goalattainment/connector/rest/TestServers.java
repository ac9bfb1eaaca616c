package dk.goalattainment.connector.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration of a test server: its own empty DuckDB store (created, as `connector init` does), a
 * free port, and more.
 */
final class TestServers {
  private TestServers() {}

  /** The properties, with {@code more} as alternating names and values. */
  static Map<String, String> properties(String name, String... more) {
    Map<String, String> p = new HashMap<>();
    try {
      java.nio.file.Path file = Files.createTempDirectory(name).resolve(name + ".duckdb");
      // the service opens an existing store, never creates one (`connector init` does)
      new dk.goalattainment.connector.store.JdbcStore(
              new dk.goalattainment.connector.store.duckdb.DuckDbDialect(file),
              dk.goalattainment.connector.TestCatalogue.get())
          .close();
      p.put("connector.store.duckdb-path", file.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    p.put("micronaut.server.port", "-1");
    for (int i = 0; i < more.length; i += 2) {
      p.put(more[i], more[i + 1]);
    }
    return p;
  }
}
