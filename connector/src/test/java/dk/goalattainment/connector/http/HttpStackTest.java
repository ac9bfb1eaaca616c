package dk.goalattainment.connector.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import jakarta.ws.rs.client.Entity;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The one retry, timeout and error policy, on a real HTTP server (WireMock). */
class HttpStackTest {
  private static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));
  private static final HttpSettings SETTINGS =
      new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), FAST);

  private static WireMockServer server;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
  }

  private static HttpAnswer postThing(HttpSettings settings, Repeat repeat) {
    try (HttpStack stack = new HttpStack("Test", settings, new ObjectMapper())) {
      URI uri = URI.create(server.baseUrl() + "/thing");
      return stack.send(
          new HttpCall("POST", "/thing", repeat),
          () -> stack.target(uri).request().post(Entity.json("{\"a\":1}")));
    }
  }

  private static int posts() {
    return server.findAll(postRequestedFor(urlPathEqualTo("/thing"))).size();
  }

  /** The first {@code failures} answers fail as given, then 200. */
  private static void failThenSucceed(
      int failures, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
    String state = Scenario.STARTED;
    for (int i = 0; i < failures; i++) {
      String next = "failed " + (i + 1);
      server.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/thing"))
              .inScenario("flaky")
              .whenScenarioStateIs(state)
              .willReturn(failure)
              .willSetStateTo(next));
      state = next;
    }
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/thing"))
            .inScenario("flaky")
            .whenScenarioStateIs(state)
            .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
  }

  @Test
  void aServiceUnavailableThenSuccessIsRetriedForEveryRequestThatMayBeRepeated() {
    for (Repeat repeat : new Repeat[] {Repeat.SAFE, Repeat.IF_UNPROCESSED}) {
      server.resetAll();
      failThenSucceed(2, aResponse().withStatus(503));

      HttpAnswer answer = postThing(SETTINGS, repeat);

      assertThat(answer.status()).as("%s", repeat).isEqualTo(200);
      assertThat(answer.attempts()).isEqualTo(3);
      assertThat(posts()).isEqualTo(3);
    }
  }

  @Test
  void aRequestThatMustNotBeRepeatedIsSentOnceWhateverTheAnswer() {
    for (int status : new int[] {500, 502, 503, 504, 429}) {
      server.resetAll();
      failThenSucceed(1, aResponse().withStatus(status));

      assertThat(postThing(SETTINGS, Repeat.NEVER).status()).isEqualTo(status);
      assertThat(posts()).as("status %d", status).isEqualTo(1);
    }
  }

  @Test
  void aConnectionResetAfterTheRequestWasSentIsNeverRepeatedBehindThePolicysBack() {
    failThenSucceed(1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThatThrownBy(() -> postThing(SETTINGS, Repeat.NEVER))
        .isInstanceOfSatisfying(
            NoAnswerException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.mayHaveBeenApplied()).isTrue();
              assertThat(e.getMessage()).contains("Test did not answer POST /thing after 1");
            });
    assertThat(posts()).as("the transport itself must not send it again").isEqualTo(1);
  }

  @Test
  void aLostAnswerIsRepeatedOnlyForASafeRequest() {
    failThenSucceed(1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    assertThat(postThing(SETTINGS, Repeat.SAFE).status()).isEqualTo(200);
    assertThat(posts()).isEqualTo(2);

    for (var failure :
        new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder[] {
          aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
          aResponse().withFault(Fault.EMPTY_RESPONSE),
          aResponse().withStatus(502),
          aResponse().withStatus(500)
        }) {
      server.resetAll();
      failThenSucceed(1, failure);
      try {
        assertThat(postThing(SETTINGS, Repeat.IF_UNPROCESSED).status()).isNotEqualTo(200);
      } catch (NoAnswerException e) {
        assertThat(e.attempts()).isEqualTo(1);
      }
      assertThat(posts()).as("a request that could be stored twice").isEqualTo(1);
    }
  }

  @Test
  void aRefusedConnectionIsRepeatedEvenForARequestThatCouldBeStoredTwice() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (HttpStack stack = new HttpStack("Test", SETTINGS, new ObjectMapper())) {
      URI uri = URI.create("http://127.0.0.1:" + closedPort + "/thing");
      assertThatThrownBy(
              () ->
                  stack.send(
                      new HttpCall("POST", "/thing", Repeat.IF_UNPROCESSED),
                      () -> stack.target(uri).request().post(Entity.json("{}"))))
          .isInstanceOfSatisfying(
              NoAnswerException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.mayHaveBeenApplied()).isFalse();
                assertThat(e.what()).startsWith("connection refused");
              });
    }
  }

  @Test
  void otherClientErrorsAreNeverRepeated() {
    for (int status : new int[] {400, 401, 403, 404, 409, 422}) {
      server.resetAll();
      failThenSucceed(1, aResponse().withStatus(status));
      assertThat(postThing(SETTINGS, Repeat.SAFE).status()).isEqualTo(status);
      assertThat(posts()).isEqualTo(1);
    }
  }

  @Test
  void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
    failThenSucceed(1, aResponse().withStatus(429).withHeader("Retry-After", "1"));
    HttpSettings patient =
        SETTINGS.withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(2)));

    long started = System.nanoTime();
    HttpAnswer answer = postThing(patient, Repeat.IF_UNPROCESSED);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aRetryAfterLongerThanTheLongestPauseEndsTheRetriesWithTheServersAnswer() {
    failThenSucceed(1, aResponse().withStatus(503).withHeader("Retry-After", "120"));

    HttpAnswer answer = postThing(SETTINGS, Repeat.SAFE);

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(posts()).isEqualTo(1);
  }

  @Test
  void theReadTimeoutIsHonouredOnEveryAttempt() {
    server.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withFixedDelay(3_000)));
    HttpSettings impatient = SETTINGS.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200));

    long started = System.nanoTime();
    try (HttpStack stack = new HttpStack("Test", impatient, new ObjectMapper())) {
      URI uri = URI.create(server.baseUrl() + "/slow");
      assertThatThrownBy(
              () ->
                  stack.send(
                      new HttpCall("GET", "/slow", Repeat.SAFE),
                      () -> stack.target(uri).request().get()))
          .isInstanceOfSatisfying(
              NoAnswerException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.what()).startsWith("timed out");
              });
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/slow")))).hasSize(3);
  }

  @Test
  void theLogNamesMethodPathAndStatusButNeverAQueryHeaderOrBody() {
    Logger logger = (Logger) LoggerFactory.getLogger(HttpStack.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Level before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(log);
    try {
      server.stubFor(
          post(urlPathEqualTo("/thing"))
              .inScenario("once")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(aResponse().withStatus(503).withBody("secret-in-body"))
              .willSetStateTo("ok"));
      server.stubFor(
          post(urlPathEqualTo("/thing"))
              .inScenario("once")
              .whenScenarioStateIs("ok")
              .willReturn(aResponse().withStatus(200)));
      try (HttpStack stack = new HttpStack("Test", SETTINGS, new ObjectMapper())) {
        URI uri = URI.create(server.baseUrl() + "/thing?token=secret-in-query");
        stack.send(
            new HttpCall("POST", "/thing", Repeat.SAFE),
            () ->
                stack
                    .target(uri)
                    .request()
                    .header("Authorization", "Bearer secret-in-header")
                    .post(Entity.json("{\"cpr\":\"secret-in-request\"}")));
      }
    } finally {
      logger.detachAppender(log);
      logger.setLevel(before);
    }
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("POST /thing failed (503); attempt 2 of 3"))
        .anySatisfy(m -> assertThat(m).contains("POST /thing -> 200"))
        .allSatisfy(m -> assertThat(m).doesNotContain("secret"));
  }
}
