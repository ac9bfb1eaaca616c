package dk.goalattainment.connector.store.duckdb;

import java.nio.file.Path;

/**
 * How much of the machine the embedded DuckDB may use (issue 12, "bounded memory"): {@code
 * memoryLimit} bounds its buffer manager (a refresh that needs more spills to {@code tempDirectory}
 * instead of failing or growing), {@code threads} its worker threads.
 *
 * @param memoryLimit DuckDB's {@code memory_limit}, e.g. {@code 1GB}
 * @param threads worker threads, at least 1
 * @param tempDirectory where spilled data goes; null: DuckDB's default ({@code <file>.tmp})
 */
public record DuckDbSettings(String memoryLimit, int threads, Path tempDirectory) {
  /** 1 GB, one thread per core, DuckDB's own temporary directory. */
  public static final DuckDbSettings DEFAULT =
      new DuckDbSettings("1GB", Runtime.getRuntime().availableProcessors(), null);

  public DuckDbSettings {
    if (memoryLimit == null
        || !memoryLimit.matches("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
      throw new IllegalArgumentException(
          "memory limit must be a size such as 1GB or 512MB, not " + memoryLimit);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
  }
}
