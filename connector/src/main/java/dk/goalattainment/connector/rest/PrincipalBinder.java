package dk.goalattainment.connector.rest;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.security.Principal;
import java.util.Optional;

/**
 * Hands Micronaut's own endpoints the {@link java.security.Principal} of the request: the
 * authenticated {@link dk.goalattainment.connector.core.access.Caller} that {@link
 * AuthenticationFilter} resolved (none for an anonymous caller). The health endpoint shows its
 * details only when there is one ({@code endpoints.health.details-visible: AUTHENTICATED}).
 * Micronaut Security would bind it; this service does not use Micronaut Security (ADR 0011).
 */
@Singleton
class PrincipalBinder implements TypedRequestArgumentBinder<Principal> {
  @Override
  public Argument<Principal> argumentType() {
    return Argument.of(Principal.class);
  }

  @Override
  public BindingResult<Principal> bind(
      ArgumentConversionContext<Principal> context, HttpRequest<?> source) {
    Optional<Principal> principal = source.getUserPrincipal();
    return principal.isPresent() ? () -> principal : BindingResult.empty();
  }
}
