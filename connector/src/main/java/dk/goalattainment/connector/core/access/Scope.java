package dk.goalattainment.connector.core.access;

import java.util.Locale;
import java.util.Optional;

/** What a token may do. Configured by code ({@code read}, {@code read:citizen}, {@code write}). */
public enum Scope {
  /**
   * Full (unsuppressed) aggregate figures for the token's org subtrees: attainment, aggregate
   * dataset rows, metric evaluations, fact sheets. Without it a caller gets the public,
   * disclosure-controlled figures only.
   */
  READ("read"),
  /**
   * Citizen-grain (pseudonymised) dataset rows, e.g. {@code goal_followups}, for the token's org
   * subtrees. Includes {@link #READ}.
   */
  READ_CITIZEN("read:citizen"),
  /** Ingest and refresh. Acts on the whole store, so a write token cannot be limited to orgs. */
  WRITE("write");

  private final String code;

  Scope(String code) {
    this.code = code;
  }

  /** The code used in configuration and messages. */
  public String code() {
    return code;
  }

  /** The scope with a code (case-insensitive, surrounding blanks ignored). */
  public static Optional<Scope> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.strip().toLowerCase(Locale.ROOT);
    for (Scope s : values()) {
      if (s.code.equals(c)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
