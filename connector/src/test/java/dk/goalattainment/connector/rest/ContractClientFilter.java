package dk.goalattainment.connector.rest;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every response that a test's Micronaut HTTP client receives from the embedded server
 * against the contract that server serves ({@link ApiContract}), errors included. The filter runs
 * on the event loop that the server shares, so it takes the served document from the server's
 * {@link OpenApiDocument} (the text {@code GET /swagger/…yml} answers with) instead of asking for
 * it over HTTP.
 */
@ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
final class ContractClientFilter {
  private final BeanProvider<EmbeddedServer> server;
  private final BeanProvider<OpenApiDocument> document;
  private ApiContract contract;

  ContractClientFilter(
      BeanProvider<EmbeddedServer> server, BeanProvider<OpenApiDocument> document) {
    this.server = server;
    this.document = document;
  }

  @ResponseFilter
  void check(
      HttpRequest<?> request, @Nullable HttpResponse<?> response, @Nullable Throwable failure) {
    if (response == null && failure instanceof HttpClientResponseException e) {
      response = e.getResponse();
    }
    if (response == null || !server.isPresent()) {
      return;
    }
    EmbeddedServer embedded = server.get();
    if (request.getUri().getPort() != embedded.getPort()) {
      return; // not the server under test
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response.getHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    String target =
        request.getUri().getRawPath()
            + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery());
    contract()
        .check(
            request.getMethodName(),
            target,
            response.code(),
            headers,
            response.getBody(byte[].class).orElse(new byte[0]));
  }

  private synchronized ApiContract contract() {
    if (contract == null) {
      contract = ApiContract.of(document.get().yaml());
    }
    return contract;
  }
}
