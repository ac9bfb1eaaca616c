package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.access.Caller;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Authenticates every request, and only that: resolves its {@link Caller} from {@code
 * Authorization: Bearer <token>} ({@link Caller#ANONYMOUS} without the header) and keeps it on the
 * request for {@link Callers}. A malformed or unknown token is refused with 401 on every path. It
 * decides no access: the resources do, on their decoded parameters, through the runtime's {@link
 * dk.goalattainment.connector.core.access.AccessPolicy}, so no spelling of a path can get around a
 * rule. Never logs a token.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class AuthenticationFilter implements Ordered {
  private final ApiTokens tokens;

  AuthenticationFilter(ApiTokens tokens) {
    this.tokens = tokens;
  }

  /** Runs before the other filters (it only reads a header). */
  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  @RequestFilter
  void authenticate(HttpRequest<?> request) {
    Caller caller = caller(request.getHeaders().getAuthorization().orElse(null));
    Callers.set(request, caller);
  }

  private Caller caller(String header) {
    if (header == null) {
      return Caller.ANONYMOUS;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      throw new ConnectorException(
          ErrorCode.UNAUTHORIZED,
          "The Authorization header must be 'Bearer <token>'; leave it out to call as an anonymous"
              + " caller.");
    }
    return tokens
        .authenticate(header.substring(7).strip())
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorCode.UNAUTHORIZED,
                    "The bearer token is not valid (docs/SECURITY.md says how tokens are"
                        + " configured)."));
  }
}
