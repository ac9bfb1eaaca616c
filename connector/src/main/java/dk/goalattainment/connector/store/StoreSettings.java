package dk.goalattainment.connector.store;

/**
 * The configuration a {@link SqlDialectProvider} opens its database with: each provider asks for
 * its own configuration records (e.g. {@code connector.store.postgres.*}), which the application
 * binds and validates (in {@code app}, through Micronaut), so a database's settings live in its
 * dialect package and nowhere else.
 */
@FunctionalInterface
public interface StoreSettings {
  /**
   * The bound and validated configuration record of {@code type}.
   *
   * @throws RuntimeException when the configuration breaks the record's constraints (the CLI and
   *     the server report it as invalid configuration, naming the property)
   */
  <T> T get(Class<T> type);
}
