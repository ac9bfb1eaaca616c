package dk.goalattainment.connector.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The databases the store runs on, by the code that {@code connector.store.kind} names. */
public enum StoreKind {
  /** Embedded DuckDB, the default. */
  DUCKDB,
  /** PostgreSQL 14 or newer, the production store. */
  POSTGRES;

  /** The configuration code: {@code duckdb}, {@code postgres}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a configuration code names, if any. */
  public static Optional<StoreKind> fromCode(String code) {
    return Arrays.stream(values())
        .filter(k -> k.code().equalsIgnoreCase(code == null ? "" : code.strip()))
        .findFirst();
  }
}
