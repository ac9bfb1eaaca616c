package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ApiProperties;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires {@code Authorization: Bearer <connector.api.token>} on every write (POST, PUT, PATCH,
 * DELETE under {@code /api/}) and on reads of citizen-grain dataset rows. Compares in constant
 * time; never logs the token.
 */
@ServerFilter("/api/**")
class BearerTokenFilter {
  private final ApiProperties api;
  private final ConnectorRuntime runtime;

  BearerTokenFilter(ApiProperties api, ConnectorRuntime runtime) {
    this.api = api;
    this.runtime = runtime;
  }

  @RequestFilter
  void authenticate(HttpRequest<?> request) {
    if (!needsToken(request)) {
      return;
    }
    String configured = api.token();
    if (configured == null || configured.isBlank()) {
      throw new ConnectorException(
          ErrorCode.UNAUTHORIZED,
          "This endpoint needs a bearer token, and none is configured (CONNECTOR_API_TOKEN).");
    }
    String header = request.getHeaders().getAuthorization().orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
        || !MessageDigest.isEqual(
            header.substring(7).strip().getBytes(StandardCharsets.UTF_8),
            configured.getBytes(StandardCharsets.UTF_8))) {
      throw new ConnectorException(
          ErrorCode.UNAUTHORIZED, "A valid bearer token is required: Authorization: Bearer …");
    }
  }

  private boolean needsToken(HttpRequest<?> request) {
    HttpMethod method = request.getMethod();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
      return true;
    }
    String path = request.getPath();
    for (DatasetDefinition d : runtime.definitions().datasets()) {
      if (d.isCitizenGrain() && path.startsWith("/api/v1/datasets/" + d.id() + "/rows")) {
        return true;
      }
    }
    return false;
  }
}
