package dk.goalattainment.connector.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --db PATH}: the embedded database file, instead of the configured one. */
public class DbOption {
  @Option(
      names = "--db",
      paramLabel = "PATH",
      description =
          "DuckDB database file (default: connector.store.duckdb-path, ./data/connector.duckdb).")
  Path db;

  public Optional<Path> path() {
    return Optional.ofNullable(db);
  }
}
