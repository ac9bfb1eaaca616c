package dk.goalattainment.connector.store.duckdb;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;

/**
 * The embedded DuckDB's resources: {@code connector.store.duckdb.memory-limit} (env {@code
 * CONNECTOR_STORE_DUCKDB_MEMORY_LIMIT}, default {@code 1GB}: beyond it a refresh spills to disk),
 * {@code .threads} ({@code CONNECTOR_STORE_DUCKDB_THREADS}, default 0 = one per core) and {@code
 * .temp-directory} ({@code CONNECTOR_STORE_DUCKDB_TEMP_DIRECTORY}, default DuckDB's own: the
 * database file's name with {@code .tmp}).
 */
@ConfigurationProperties("connector.store.duckdb")
public record DuckDbProperties(
    @Bindable(defaultValue = "1GB")
        @Pattern(
            regexp = "\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)",
            message = "must be a size such as 1GB or 512MB")
        String memoryLimit,
    @Bindable(defaultValue = "0") @Min(0) int threads,
    @Nullable Path tempDirectory) {

  /** The settings of the dialect. */
  public DuckDbSettings settings() {
    return new DuckDbSettings(
        memoryLimit,
        threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
        tempDirectory);
  }
}
