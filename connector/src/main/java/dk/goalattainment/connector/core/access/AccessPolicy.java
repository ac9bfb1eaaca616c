package dk.goalattainment.connector.core.access;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.Objects;

/**
 * The one place that decides what a {@link Caller} may see and do; every endpoint asks it, with the
 * request's decoded parameters (never its raw path):
 *
 * <ul>
 *   <li>figures for an org node: {@link #figures} answers {@link FigureAccess#FULL}, {@link
 *       FigureAccess#PUBLIC} (answer only from the disclosure-controlled open-data figures) or
 *       {@link FigureAccess#FORBIDDEN} (403, nothing revealed);
 *   <li>an operation that needs a scope: {@link #require} throws 401 for an anonymous caller and
 *       403 for a token without the scope.
 * </ul>
 */
public final class AccessPolicy {
  private final OrgSubtrees subtrees;

  public AccessPolicy(OrgSubtrees subtrees) {
    this.subtrees = Objects.requireNonNull(subtrees, "subtrees");
  }

  /**
   * May this caller see full figures for org node {@code orgUnitId}? FULL for a token with the read
   * scope whose org subtrees hold the node (or that is not limited to orgs); PUBLIC for an
   * anonymous caller or a token without the read scope; FORBIDDEN for a read token limited to other
   * subtrees (also when the unit does not exist, so that a limited token learns nothing about other
   * units).
   */
  public FigureAccess figures(Caller caller, String orgUnitId) {
    if (!caller.has(Scope.READ)) {
      return FigureAccess.PUBLIC;
    }
    if (!caller.isOrgLimited()) {
      return FigureAccess.FULL;
    }
    return orgUnitId != null && subtrees.within(orgUnitId, caller.orgs())
        ? FigureAccess.FULL
        : FigureAccess.FORBIDDEN;
  }

  /**
   * Throws unless the caller holds {@code scope}: {@link ErrorCode#UNAUTHORIZED} (401) without a
   * token, {@link ErrorCode#FORBIDDEN} (403) for a token without the scope.
   */
  public void require(Caller caller, Scope scope) {
    require(caller, scope, null);
  }

  /** As {@link #require(Caller, Scope)}, with a hint for anonymous callers added to the 401. */
  public void require(Caller caller, Scope scope, String anonymousHint) {
    if (caller.has(scope)) {
      return;
    }
    if (!caller.isAuthenticated()) {
      throw new ConnectorException(
          ErrorCode.UNAUTHORIZED,
          "This needs a bearer token with the "
              + scope.code()
              + " scope: Authorization: Bearer <token>."
              + (anonymousHint == null ? "" : " " + anonymousHint));
    }
    throw new ConnectorException(
        ErrorCode.FORBIDDEN, "This token does not have the " + scope.code() + " scope.");
  }

  /** The failure for a request outside the caller's org subtrees; it names no unit. */
  public static ConnectorException outsideOrgs() {
    return new ConnectorException(
        ErrorCode.FORBIDDEN,
        "This token is limited to other org units: ask for an org unit within its subtrees.");
  }
}
