package dk.goalattainment.connector.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * The store: {@code connector.store.kind} (env {@code CONNECTOR_STORE_KIND}; {@code duckdb}, the
 * embedded default, or the kind of another {@code SqlDialectProvider} on the class path, e.g.
 * {@code postgres}). Each database's own settings are records in its dialect package (e.g. {@code
 * store/duckdb/DuckDbFileProperties} for {@code connector.store.duckdb-path}).
 */
@ConfigurationProperties("connector.store")
public record StoreProperties(@NotBlank String kind) {}
