package dk.goalattainment.connector.core.access;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, resolved once per request from its bearer token (or {@link #ANONYMOUS} without
 * one): a name for logs (the token's configured name, never the token), the {@link Scope}s it
 * grants, and the org units whose subtrees it is limited to (empty: every org). Authorisation is
 * decided by {@link AccessPolicy} on the request's decoded parameters, never on its path.
 *
 * @param name the token's name, for logs and audit
 * @param scopes what the token grants; empty only for {@link #ANONYMOUS}
 * @param orgs unit ids: the caller sees these units and their descendants; empty means all
 */
public record Caller(String name, Set<Scope> scopes, Set<String> orgs) implements Principal {
  /** A caller without a token: public, disclosure-controlled figures only. */
  public static final Caller ANONYMOUS = new Caller("anonymous", Set.of(), Set.of());

  public Caller {
    Objects.requireNonNull(name, "name");
    scopes = Set.copyOf(scopes);
    orgs = Set.copyOf(orgs);
    if (scopes.contains(Scope.WRITE) && !orgs.isEmpty()) {
      throw new IllegalArgumentException(
          "a token with the write scope cannot be limited to org units: ingest and refresh act on"
              + " the whole store");
    }
  }

  /** Whether the caller presented a valid token. */
  public boolean isAuthenticated() {
    return !scopes.isEmpty();
  }

  /** Whether the caller holds a scope ({@link Scope#READ_CITIZEN} includes {@link Scope#READ}). */
  public boolean has(Scope scope) {
    return scopes.contains(scope) || (scope == Scope.READ && scopes.contains(Scope.READ_CITIZEN));
  }

  /** Whether the caller is limited to some org subtrees. */
  public boolean isOrgLimited() {
    return !orgs.isEmpty();
  }

  @Override
  public String getName() {
    return name;
  }
}
