package dk.goalattainment.connector.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which store to open: the configured one, or (for an embedded database, {@link
 * SqlDialectProvider#opensFiles}) the file {@code --db} names instead.
 *
 * @param file the file {@code --db} names; empty for the configured store
 * @param settings the configuration the provider reads its records from
 */
public record StoreTarget(Optional<Path> file, StoreSettings settings) {
  public StoreTarget {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(settings, "settings");
  }
}
