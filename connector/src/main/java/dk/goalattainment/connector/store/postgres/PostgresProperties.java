package dk.goalattainment.connector.store.postgres;

import dk.goalattainment.connector.store.duckdb.DuckDbSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The PostgreSQL store, used when {@code connector.store.kind} is {@code postgres}: {@code
 * connector.store.postgres.url} (env {@code CONNECTOR_STORE_POSTGRES_URL}: {@code
 * jdbc:postgresql://db:5432/connector} or {@code
 * postgresql://[user[:password]@]db:5432/connector}), {@code .user} ({@code
 * CONNECTOR_STORE_POSTGRES_USER}), {@code .password} ({@code CONNECTOR_STORE_POSTGRES_PASSWORD};
 * from a secret store, never from a file of the repository), {@code .max-pool-size} ({@code
 * CONNECTOR_STORE_POSTGRES_MAX_POOL_SIZE}, default 10), {@code .connection-timeout} (default 1s:
 * how long a request waits for a connection before it answers 503), and the read-only role Superset
 * reads the datasets with: {@code .reader-user} (default {@code superset_reader}) and {@code
 * .reader-password}, and where a full refresh is computed: {@code .refresh-engine} ({@code
 * CONNECTOR_STORE_POSTGRES_REFRESH_ENGINE}: {@code duckdb}, the default, computes it in a scratch
 * DuckDB with the {@code connector.store.duckdb.*} memory limit, threads and temporary directory
 * and copies the tables into PostgreSQL; {@code postgres} runs PostgreSQL's own SQL; ADR 0027). See
 * docs/POSTGRES.md.
 *
 * @param url the JDBC or libpq-style URL; null while the store is DuckDB
 * @param user the role to log in as; null when the URL names it
 * @param password its password; null for none
 * @param maxPoolSize the most connections kept open at once
 * @param connectionTimeout how long a caller waits for a connection
 * @param readerUser the read-only role in the Superset database URI
 * @param readerPassword its password, for the Superset database URI; null for none
 * @param refreshEngine where a full refresh is computed
 */
@ConfigurationProperties("connector.store.postgres")
public record PostgresProperties(
    @Nullable String url,
    @Nullable String user,
    @Nullable String password,
    @Bindable(defaultValue = "10") @Min(1) @Max(500) int maxPoolSize,
    @Bindable(defaultValue = "1s") @NotNull Duration connectionTimeout,
    @Bindable(defaultValue = "superset_reader") @NotNull String readerUser,
    @Nullable String readerPassword,
    @Bindable(defaultValue = "duckdb") @NotNull PostgresDialect.RefreshEngine refreshEngine) {

  /**
   * Opens the configured database; fails with a clear message when no usable URL is set (a
   * libpq-style {@code postgresql://} URL is converted). A full refresh computed in DuckDB uses
   * {@code scratch} (the {@code connector.store.duckdb.*} settings).
   */
  public PostgresDialect open(DuckDbSettings scratch) {
    PostgresUrl target = target();
    return new PostgresDialect(
        target.jdbcUrl(),
        target.user(),
        target.password(),
        maxPoolSize,
        connectionTimeout,
        refreshEngine,
        scratch);
  }

  /** The JDBC URL, role and password the configuration names. */
  public PostgresUrl target() {
    return PostgresUrl.parse(url, user, password);
  }

  /** Never shows the passwords. */
  @Override
  public String toString() {
    return "PostgresProperties[url="
        + (url == null ? null : PostgresUrl.describe(url).replaceAll("//[^/@]*@", "//…@"))
        + ", user="
        + user
        + ", password="
        + (password == null ? "unset" : "hidden")
        + ", maxPoolSize="
        + maxPoolSize
        + ", connectionTimeout="
        + connectionTimeout
        + ", readerUser="
        + readerUser
        + ", readerPassword="
        + (readerPassword == null ? "unset" : "hidden")
        + ", refreshEngine="
        + refreshEngine
        + "]";
  }
}
