package dk.goalattainment.connector.app;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.store.postgres.PostgresDialect;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * The PostgreSQL store, used when {@code connector.store.kind} is {@code postgres}: {@code
 * connector.store.postgres.url} (env {@code CONNECTOR_STORE_POSTGRES_URL}, e.g. {@code
 * jdbc:postgresql://db:5432/connector}), {@code .user} ({@code CONNECTOR_STORE_POSTGRES_USER}),
 * {@code .password} ({@code CONNECTOR_STORE_POSTGRES_PASSWORD}; from a secret store, never from a
 * file of the repository) and {@code .max-pool-size} ({@code
 * CONNECTOR_STORE_POSTGRES_MAX_POOL_SIZE}, default 10).
 *
 * @param url the JDBC URL; null while the store is DuckDB
 * @param user the role to log in as; null when the URL names it
 * @param password its password; null for none
 * @param maxPoolSize the most connections kept open at once
 */
@ConfigurationProperties("connector.store.postgres")
public record PostgresProperties(
    @Nullable @Pattern(
            regexp = "jdbc:postgresql:.+",
            message = "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)")
        String url,
    @Nullable String user,
    @Nullable String password,
    @Bindable(defaultValue = "10") @Min(1) @Max(500) int maxPoolSize) {

  /** Opens the configured database; fails with a clear message when no URL is set. */
  public PostgresDialect open() {
    if (url == null || url.isBlank()) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "connector.store.kind is postgres: set CONNECTOR_STORE_POSTGRES_URL (and _USER,"
              + " _PASSWORD), e.g. jdbc:postgresql://localhost:5432/connector.");
    }
    return new PostgresDialect(url, user, password, maxPoolSize);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "PostgresProperties[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password == null ? "unset" : "hidden")
        + ", maxPoolSize="
        + maxPoolSize
        + "]";
  }
}
