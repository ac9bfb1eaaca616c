package dk.goalattainment.connector.superset.sync;

import java.util.Objects;

/**
 * How the sync recognises the assets it manages, which {@code prune} may delete: datasets with
 * {@code is_managed_externally} and either the conventional UUID ({@link SupersetKeys}) or, where
 * Superset returns it, an {@code external_url} under {@code externalUrlBase}; columns and metrics
 * with the conventional UUID; row-level security rules (which have neither UUID nor management flag
 * in Superset) whose name starts with {@code rlsNamePrefix}. The database itself is never deleted.
 *
 * @param externalUrlBase the start of every {@code external_url} the connector writes, or {@code
 *     null}
 * @param rlsNamePrefix the start of every RLS rule name the connector writes
 */
public record Ownership(String externalUrlBase, String rlsNamePrefix) {
  /** RLS rules named {@code goal-attainment: …}; no URL base. */
  public static final Ownership DEFAULT = new Ownership(null, "goal-attainment: ");

  public Ownership {
    Objects.requireNonNull(rlsNamePrefix, "rlsNamePrefix");
    if (rlsNamePrefix.isBlank()) {
      throw new IllegalArgumentException(
          "rlsNamePrefix must not be blank: prune would take any rule");
    }
    if (externalUrlBase != null && externalUrlBase.isBlank()) {
      externalUrlBase = null;
    }
  }

  /** Whether {@code url} lies under {@link #externalUrlBase()}. */
  boolean ownsUrl(String url) {
    return externalUrlBase != null && url != null && url.startsWith(externalUrlBase);
  }
}
