package dk.goalattainment.connector.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --db PATH}: the embedded database file, instead of the configured store. It must exist
 * (commands never create a store by accident); {@code connector init} or {@code --create} make one.
 */
public class DbOption {
  @Option(
      names = "--db",
      paramLabel = "PATH",
      description =
          "DuckDB file of an existing store, instead of the configured one"
              + " (connector.store.kind and connector.store.duckdb-path, default"
              + " ./data/connector.duckdb). Never created here: see `connector init`.")
  Path db;

  public Optional<Path> path() {
    return Optional.ofNullable(db);
  }
}
