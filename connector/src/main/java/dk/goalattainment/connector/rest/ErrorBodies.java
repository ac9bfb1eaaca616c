package dk.goalattainment.connector.rest;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Locale;

/**
 * Every error answer carries a problem body, also those that Micronaut's own filters make without
 * one: a request whose {@code Origin} may not call the path (CORS: only the open-data files are
 * open to other origins) is refused with 403 and an empty body, and gets a problem saying so. Runs
 * outside every other filter, so it sees their answers.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ErrorBodies implements Ordered {
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }

  @ResponseFilter
  void problemForEmptyError(HttpRequest<?> request, MutableHttpResponse<?> response) {
    int status = response.code();
    if (status < 400 || response.getBody().isPresent() || request.getMethod() == HttpMethod.HEAD) {
      return;
    }
    HttpStatus s = HttpStatus.valueOf(status);
    String detail =
        status == 403 && request.getHeaders().contains("Origin")
            ? "Requests from other origins (CORS) may read the open-data files"
                + " (/api/v1/opendata/*) only."
            : s.getReason();
    Problem problem =
        Problems.body(
            "urn:goal-attainment:problem:" + s.name().toLowerCase(Locale.ROOT).replace('_', '-'),
            s.getReason(),
            status,
            detail,
            request.getPath(),
            null,
            null);
    response.body(problem).contentType(MediaType.of(Problems.MEDIA_TYPE));
  }
}
