package dk.goalattainment.connector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicyBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.http.client.HttpRequestRetryHandler;
import org.glassfish.jersey.apache.connector.ApacheClientProperties;
import org.glassfish.jersey.apache.connector.ApacheConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.client.RequestEntityProcessing;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client of the Superset and CKAN adapters: one JAX-RS client (Jersey on Apache
 * HttpClient) with the configured timeouts, and every request sent through one retry policy
 * (Failsafe) that follows {@link FailurePolicy} and the request's {@link Repeat}.
 *
 * <p>The transport itself never repeats a request: Apache HttpClient's own retries are switched
 * off, and so is its cookie store (the adapters keep the cookies they need). Jersey's default
 * connector ({@code HttpURLConnection}) was not kept because it silently sends a {@code POST} a
 * second time when the connection breaks before the answer (ADR 0012). Redirects are not followed
 * (a redirected write is a refusal, not a success); bodies are sent with a {@code Content-Length}.
 *
 * <p>Logging: one debug line per attempt (service, method, path, status, time), one warning per
 * retry (what failed, when the next attempt comes). Never a query string, header or body, so no
 * token, password or CPR number.
 */
public final class HttpStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpStack.class);

  private final String service;
  private final HttpSettings settings;
  private final Client client;

  /**
   * @param service the remote service's name for logs and errors, e.g. {@code Superset}
   * @param settings timeouts and retries
   * @param json the mapper for JSON entities
   */
  public HttpStack(String service, HttpSettings settings, ObjectMapper json) {
    this.service = Objects.requireNonNull(service, "service");
    this.settings = Objects.requireNonNull(settings, "settings");
    JerseyLogging.routeToSlf4j();
    ClientConfig cc = new ClientConfig();
    cc.connectorProvider(new ApacheConnectorProvider());
    cc.property(ClientProperties.CONNECT_TIMEOUT, millis(settings.connectTimeout()));
    cc.property(ClientProperties.READ_TIMEOUT, millis(settings.readTimeout()));
    // A redirect on a write means the server refused the session (Superset sends multipart writes
    // with a stale CSRF token to /login/); following it would turn the refusal into a 200.
    cc.property(ClientProperties.FOLLOW_REDIRECTS, false);
    // Buffered: a Content-Length instead of chunks, which uWSGI (CKAN) does not read by default.
    cc.property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED);
    cc.property(
        ApacheClientProperties.RETRY_HANDLER,
        (HttpRequestRetryHandler) (failure, count, context) -> false);
    cc.property(ApacheClientProperties.DISABLE_COOKIES, true);
    cc.register(JacksonFeature.class);
    cc.register(new MapperResolver(Objects.requireNonNull(json, "json")));
    cc.register(MultiPartFeature.class);
    cc.register(new FormContentType());
    this.client = JerseyClientBuilder.createClient(cc);
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  /** The service's name, as in logs and errors. */
  public String service() {
    return service;
  }

  /** The settings this stack was made with. */
  public HttpSettings settings() {
    return settings;
  }

  /** A target to build a request on; send it with {@link #send}. */
  public WebTarget target(URI uri) {
    return client.target(uri);
  }

  /**
   * Sends a request, repeating it while {@link FailurePolicy} and {@code call.repeat()} allow and
   * attempts remain, and returns the last answer read in full, whatever its status: the adapter
   * decides what a status means. {@code attempt} builds and sends the request afresh each time.
   *
   * @throws NoAnswerException when the last attempt got no answer
   */
  public HttpAnswer send(HttpCall call, Supplier<Response> attempt) {
    AtomicInteger attempts = new AtomicInteger();
    try {
      return Failsafe.with(retryPolicy(call))
          .get(() -> once(call, attempt, attempts.incrementAndGet()));
    } catch (ProcessingException e) {
      FailurePolicy.Outcome outcome = FailurePolicy.ofFailure(e);
      throw new NoAnswerException(
          service,
          call,
          attempts.get(),
          FailurePolicy.describe(e),
          outcome != FailurePolicy.Outcome.NOT_PROCESSED,
          e);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new NoAnswerException(
            service, call, attempts.get(), "interrupted while waiting to retry", true, e);
      }
      throw e;
    }
  }

  private dev.failsafe.RetryPolicy<HttpAnswer> retryPolicy(HttpCall call) {
    RetryPolicy retry = settings.retry();
    RetryPolicyBuilder<HttpAnswer> builder =
        dev.failsafe.RetryPolicy.<HttpAnswer>builder()
            .handleIf((answer, failure) -> worthRepeating(call, answer, failure))
            .withMaxAttempts(retry.maxAttempts())
            .withDelayFn(
                context -> {
                  HttpAnswer last = context.getLastResult();
                  // negative: no Retry-After, so the backoff's delay
                  return last == null
                      ? Duration.ofMillis(-1)
                      : last.retryAfter().orElse(Duration.ofMillis(-1));
                })
            .onRetryScheduled(
                event ->
                    LOG.warn(
                        "{} {} {} failed ({}); attempt {} of {} in {} ms",
                        service,
                        call.method(),
                        call.path(),
                        event.getLastException() == null
                            ? event.getLastResult().status()
                            : FailurePolicy.describe(event.getLastException()),
                        event.getAttemptCount() + 1,
                        retry.maxAttempts(),
                        event.getDelay().toMillis()));
    if (retry.baseDelay().isZero()) {
      return builder.build();
    }
    if (retry.baseDelay().compareTo(retry.maxDelay()) >= 0) {
      return builder.withDelay(retry.maxDelay()).build();
    }
    return builder.withBackoff(retry.baseDelay(), retry.maxDelay()).build();
  }

  /** Whether an attempt failed transiently and the request may be sent again. */
  private boolean worthRepeating(HttpCall call, HttpAnswer answer, Throwable failure) {
    if (failure != null) {
      return failure instanceof ProcessingException
          && FailurePolicy.mayRepeat(call.repeat(), FailurePolicy.ofFailure(failure));
    }
    if (!FailurePolicy.mayRepeat(call.repeat(), FailurePolicy.ofStatus(answer.status()))) {
      return false;
    }
    // A server that asks for a longer pause than the policy's longest gets its answer back.
    return answer.retryAfter().map(d -> d.compareTo(settings.retry().maxDelay()) <= 0).orElse(true);
  }

  private HttpAnswer once(HttpCall call, Supplier<Response> attempt, int number) {
    long started = System.nanoTime();
    try (Response response = attempt.get()) {
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      Map<String, List<String>> headers = new LinkedHashMap<>(response.getStringHeaders());
      LOG.debug(
          "{} {} {} -> {} ({} ms)",
          service,
          call.method(),
          call.path(),
          response.getStatus(),
          (System.nanoTime() - started) / 1_000_000);
      return new HttpAnswer(response.getStatus(), body, headers, number);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /**
   * Writes a form's content type as RFC 7578, browsers and curl do, {@code multipart/form-data;
   * boundary=…}, where Jersey leaves out the space. Runs after the multipart writer chose the
   * boundary, before the buffered request is sent.
   */
  private static final class FormContentType implements WriterInterceptor {
    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
      context.proceed();
      Object type = context.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
      String value = type == null ? "" : type.toString();
      if (value.startsWith("multipart/form-data;boundary=")) {
        context
            .getHeaders()
            .putSingle(HttpHeaders.CONTENT_TYPE, value.replace(";boundary=", "; boundary="));
      }
    }
  }

  /** Gives Jersey's Jackson provider the adapter's mapper. */
  private record MapperResolver(ObjectMapper mapper) implements ContextResolver<ObjectMapper> {
    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }
}
