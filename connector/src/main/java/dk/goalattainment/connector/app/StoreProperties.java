package dk.goalattainment.connector.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * The store: {@code connector.store.kind} ({@code duckdb}, the embedded default) and the DuckDB
 * file {@code connector.store.duckdb-path} (default {@code ./data/connector.duckdb}; env {@code
 * CONNECTOR_STORE_DUCKDB_PATH}).
 */
@ConfigurationProperties("connector.store")
public record StoreProperties(@NotBlank String kind, @NotNull Path duckdbPath) {}
