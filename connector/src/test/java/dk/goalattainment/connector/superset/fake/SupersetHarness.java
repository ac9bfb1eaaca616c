package dk.goalattainment.connector.superset.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.atlassian.oai.validator.wiremock.OpenApiValidationListener;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.goalattainment.connector.http.RetryPolicy;
import dk.goalattainment.connector.superset.client.AuthProvider;
import dk.goalattainment.connector.superset.client.SupersetClient;
import dk.goalattainment.connector.superset.client.SupersetConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WireMock in front of a fresh {@link FakeSuperset} for every test, with every request validated
 * against Superset's OpenAPI spec ({@link OpenApiSpec}). After each test it fails on any validation
 * report and on any {@link FakeSuperset#violations() violation} the validator cannot see. Register
 * with {@code @RegisterExtension static final SupersetHarness superset = new SupersetHarness();}.
 */
public final class SupersetHarness
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");
  private static final Set<String> AUTH =
      Set.of("/api/v1/security/login", "/api/v1/security/refresh");

  private WireMockServer server;
  private OpenApiValidationListener validation;
  private volatile FakeSuperset fake;

  @Override
  public void beforeAll(ExtensionContext context) {
    validation = new OpenApiValidationListener(OpenApiSpec.validator());
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .extensions(new FakeSupersetTransformer(() -> fake)));
    server.start();
    server.addMockServiceRequestListener(validation);
    server.stubFor(any(anyUrl()).willReturn(aResponse()));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    fake = new FakeSuperset();
    server.resetRequests();
    validation.reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      validation.assertValidationPassed();
      if (!fake.violations().isEmpty()) {
        throw new AssertionError("Requests Superset would treat differently: " + fake.violations());
      }
    } finally {
      validation.reset();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop();
  }

  /** The fake behind WireMock in the current test. */
  public FakeSuperset fake() {
    return fake;
  }

  /** WireMock's base URL. */
  public URI url() {
    return URI.create(server.baseUrl());
  }

  /** A configuration for the fake: fast retries (3 attempts, 1 ms apart), 10 s timeouts. */
  public SupersetConfig config() {
    return new SupersetConfig(
        url(),
        FakeSuperset.USERNAME,
        FakeSuperset.PASSWORD,
        AuthProvider.DB,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  /** A client with {@link #config()}. */
  public SupersetClient client() {
    return new SupersetClient(config());
  }

  /** Every request in the journal, oldest first. */
  public List<LoggedRequest> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    return events.stream().map(ServeEvent::getRequest).toList();
  }

  /** POST/PUT/DELETE requests that change assets: everything but login and token refresh. */
  public List<String> assetWrites() {
    return requests().stream()
        .filter(r -> WRITES.contains(r.getMethod().getName()))
        .filter(r -> !AUTH.contains(URI.create(r.getUrl()).getPath()))
        .map(r -> r.getMethod().getName() + " " + URI.create(r.getUrl()).getPath())
        .toList();
  }

  /** {@code METHOD path} of every request, oldest first. */
  public List<String> calls() {
    return requests().stream()
        .map(r -> r.getMethod().getName() + " " + URI.create(r.getUrl()).getPath())
        .toList();
  }
}
