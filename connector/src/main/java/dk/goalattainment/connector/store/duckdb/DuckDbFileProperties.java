package dk.goalattainment.connector.store.duckdb;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * The embedded store's file: {@code connector.store.duckdb-path} (env {@code
 * CONNECTOR_STORE_DUCKDB_PATH}, default {@code ./data/connector.duckdb}), opened when {@code
 * connector.store.kind} is {@code duckdb} and no {@code --db} is given.
 */
@ConfigurationProperties("connector.store")
public record DuckDbFileProperties(@NotNull Path duckdbPath) {}
