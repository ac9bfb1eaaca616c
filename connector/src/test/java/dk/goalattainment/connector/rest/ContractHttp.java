package dk.goalattainment.connector.rest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The JDK's HTTP client for tests, each response checked against the contract the server serves
 * ({@link ApiContract}).
 */
public final class ContractHttp {
  private final HttpClient client;
  private ApiContract contract;

  public ContractHttp(HttpClient client) {
    this.client = client;
  }

  public ContractHttp() {
    this(HttpClient.newHttpClient());
  }

  /** Sends the request and checks the answer; the body as text. */
  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = sendForBytes(request);
    return new TextResponse(r);
  }

  /** Sends the request and checks the answer; the body as bytes. */
  public HttpResponse<byte[]> sendForBytes(HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    String target =
        request.uri().getRawPath()
            + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
    contract(request).check(request.method(), target, r.statusCode(), r.headers().map(), r.body());
    return r;
  }

  private synchronized ApiContract contract(HttpRequest request) {
    if (contract == null) {
      java.net.URI uri = request.uri();
      contract = ApiContract.servedAt(uri.getScheme() + "://" + uri.getAuthority());
    }
    return contract;
  }

  /** A response whose body is read as UTF-8 text. */
  private record TextResponse(HttpResponse<byte[]> bytes) implements HttpResponse<String> {
    @Override
    public int statusCode() {
      return bytes.statusCode();
    }

    @Override
    public HttpRequest request() {
      return bytes.request();
    }

    @Override
    public java.util.Optional<HttpResponse<String>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return bytes.headers();
    }

    @Override
    public String body() {
      return new String(bytes.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return bytes.sslSession();
    }

    @Override
    public java.net.URI uri() {
      return bytes.uri();
    }

    @Override
    public HttpClient.Version version() {
      return bytes.version();
    }
  }
}
