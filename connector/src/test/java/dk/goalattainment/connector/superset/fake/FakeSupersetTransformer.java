package dk.goalattainment.connector.superset.fake;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Hands every request WireMock receives to the current {@link FakeSuperset}. */
final class FakeSupersetTransformer implements ResponseDefinitionTransformerV2 {
  private final Supplier<FakeSuperset> fake;

  FakeSupersetTransformer(Supplier<FakeSuperset> fake) {
    this.fake = fake;
  }

  @Override
  public String getName() {
    return "fake-superset";
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    URI uri = URI.create(request.getUrl());
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpHeader h : request.getHeaders().all()) {
      headers.put(h.key().toLowerCase(Locale.ROOT), h.firstValue());
    }
    Map<String, byte[]> parts = null;
    if (request.isMultipart()) {
      parts = new LinkedHashMap<>();
      for (Request.Part p : request.getParts()) {
        parts.put(p.getName(), p.getBody().asBytes());
      }
    }
    FakeSuperset.Response r =
        fake.get()
            .handle(
                new FakeSuperset.Request(
                    request.getMethod().getName(),
                    uri.getRawPath(),
                    query,
                    headers,
                    request.getBody(),
                    parts));
    if (r.status() == FakeSuperset.CONNECTION_RESET) {
      return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
          .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
          .build();
    }
    List<HttpHeader> out = new ArrayList<>();
    r.headers().forEach((k, v) -> out.add(new HttpHeader(k, v)));
    return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
        .withStatus(r.status())
        .withHeaders(new HttpHeaders(out))
        .withBody(r.body())
        .withFixedDelay(r.delayMs() > 0 ? r.delayMs() : null)
        .build();
  }
}
