package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.access.Caller;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

/**
 * The {@link Caller} of the current request, as {@link AuthenticationFilter} resolved it. Every
 * resource asks {@link #current()} and then the runtime's {@link
 * dk.goalattainment.connector.core.access.AccessPolicy}, e.g. {@code
 * runtime.access().figures(Callers.current(), org)} for "may this caller see full figures for org
 * X?".
 */
public final class Callers {
  /** The request attribute holding the caller. */
  static final String ATTRIBUTE = "goal-attainment.caller";

  private Callers() {}

  /** The caller of the request being served; anonymous when there is none. */
  public static Caller current() {
    return ServerRequestContext.currentRequest().map(Callers::of).orElse(Caller.ANONYMOUS);
  }

  /** The caller of a request; anonymous when the filter did not resolve one. */
  public static Caller of(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, Caller.class).orElse(Caller.ANONYMOUS);
  }

  @SuppressWarnings("deprecation")
  static void set(HttpRequest<?> request, Caller caller) {
    request.setAttribute(ATTRIBUTE, caller);
    if (caller.isAuthenticated()) {
      // the principal that Micronaut's own endpoints (health details) look for
      request.setAttribute(HttpAttributes.PRINCIPAL, caller);
    }
  }
}
