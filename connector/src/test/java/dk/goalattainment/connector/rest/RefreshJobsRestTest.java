package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.engine.Refreshes;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/v1/refresh} over real HTTP: it answers 202 at once with the job, the job is read
 * while it runs (held at a gate by the test, before the real refresh), a second POST meanwhile is
 * 409 naming it, and the finished job holds the refresh's result; {@code wait} answers when the job
 * has finished.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefreshJobsRestTest implements TestPropertyProvider {
  static final String WRITER = "refresh-jobs-writer-0123456789";
  static final String READER = "refresh-jobs-reader-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Holds each refresh before it starts while closed; open unless a test closes it. */
  static volatile CountDownLatch gate = new CountDownLatch(0);

  static volatile CountDownLatch held = new CountDownLatch(1);

  /** The runtime's refresh, behind the test's gate. */
  @Singleton
  @Replaces(RefreshJobs.RuntimeRefresher.class)
  @Requires(property = "refresh-jobs-rest-test", value = "true")
  static class GatedRefresher extends RefreshJobs.RuntimeRefresher {
    GatedRefresher(ConnectorRuntime runtime) {
      super(runtime);
    }

    @Override
    public Refreshes.Outcome refresh(boolean full, RefreshJob.Progress progress) {
      progress.stageStarted("held by the test");
      held.countDown();
      try {
        if (!gate.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return super.refresh(full, progress);
    }
  }

  @Inject EmbeddedServer server;
  @Inject ConnectorRuntime runtime;

  final ContractHttp http = new ContractHttp();

  @Override
  public Map<String, String> getProperties() {
    return TestServers.properties(
        "refresh-jobs",
        "refresh-jobs-rest-test",
        "true",
        "connector.api.tokens.writer.sha256",
        AuthorizationTest.sha256(WRITER),
        "connector.api.tokens.writer.scopes",
        "write",
        "connector.api.tokens.reader.sha256",
        AuthorizationTest.sha256(READER),
        "connector.api.tokens.reader.scopes",
        "read");
  }

  @BeforeAll
  void ingestTheWorkedExample() {
    runtime.ingest().ingest(WorkedExample.batch());
  }

  @AfterEach
  void openTheGate() {
    gate.countDown();
  }

  HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(90));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build());
  }

  JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /** Reads the job until it has finished. */
  JsonNode finished(String href) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode job;
    do {
      job = json(send("GET", href, READER));
      if (List.of("succeeded", "failed").contains(job.get("state").asText())) {
        return job;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < until);
    throw new AssertionError("the job did not finish: " + job);
  }

  @Test
  void aRefreshIsAJobThatAnswersAtOnceAndIsFollowedUntilItHasFinished() throws Exception {
    gate = new CountDownLatch(1);
    held = new CountDownLatch(1);

    HttpResponse<String> started = send("POST", "/api/v1/refresh?full=true", WRITER);
    assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
    JsonNode job = json(started);
    String href = started.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> second = send("POST", "/api/v1/refresh", WRITER);
    JsonNode running = json(send("GET", href, READER));
    JsonNode listed = json(send("GET", "/api/v1/refresh/jobs", WRITER));
    gate.countDown();
    JsonNode done = finished(href);

    assertThat(started.statusCode()).isEqualTo(202);
    assertThat(href).isEqualTo("/api/v1/refresh/jobs/" + job.get("id").asText());
    assertThat(job.get("href").asText()).isEqualTo(href);
    assertThat(job.get("state").asText()).isIn("queued", "running");
    assertThat(job.get("requested_by").asText()).isEqualTo("writer");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
    assertThat(json(second).get("detail").asText())
        .contains("already running")
        .contains(job.get("id").asText());
    assertThat(running.get("state").asText()).isEqualTo("running");
    assertThat(running.get("stages").get(0).get("name").asText()).isEqualTo("held by the test");
    assertThat(running.get("stages").get(0).get("seconds").isNull()).isTrue();
    assertThat(running.get("result").isNull()).isTrue();
    assertThat(listed.get("jobs").get(0).get("id")).isEqualTo(job.get("id"));
    assertThat(done.get("state").asText()).isEqualTo("succeeded");
    assertThat(done.get("result").get("kind").asText()).isEqualTo("full");
    assertThat(done.get("result").get("rows").get("ds_attainment").asLong()).isPositive();
    assertThat(done.get("result").get("rows").get("ds_goal_followups").asLong()).isEqualTo(5);
    assertThat(done.get("result").get("as_of").asText()).isEqualTo("2018-11-15");
    List<String> stages = new ArrayList<>();
    done.get("stages").forEach(s -> stages.add(s.get("name").asText()));
    assertThat(stages).startsWith("held by the test").contains("attainment", "goal_followups");
    done.get("stages").forEach(s -> assertThat(s.get("seconds").isNumber()).isTrue());
    assertThat(done.get("finished_at").asText())
        .isGreaterThanOrEqualTo(done.get("started_at").asText());
    assertThat(json(send("GET", "/api/v1/datasets", null)).get("fresh").asBoolean()).isTrue();
  }

  @Test
  void aClientMayWaitForTheJob() throws Exception {
    HttpResponse<String> waited = send("POST", "/api/v1/refresh?wait=60", WRITER);

    assertThat(waited.statusCode()).isEqualTo(200);
    JsonNode job = json(waited);
    assertThat(job.get("state").asText()).isEqualTo("succeeded");
    assertThat(waited.headers().firstValue("Content-Location")).hasValue(job.get("href").asText());
    assertThat(job.get("result").get("kind").asText()).isIn("full", "incremental");
    assertThat(job.get("result").get("reason").asText()).isNotBlank();
    assertThat(job.get("result").get("as_of").asText()).isEqualTo("2018-11-15");
  }

  @Test
  void aWaitThatRunsOutAnswers202WithTheRunningJob() throws Exception {
    gate = new CountDownLatch(1);

    HttpResponse<String> r = send("POST", "/api/v1/refresh?wait=1", WRITER);
    gate.countDown();

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(json(r).get("state").asText()).isEqualTo("running");
    finished(r.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void startingNeedsTheWriteScopeAndReadingAnyToken() throws Exception {
    assertThat(send("POST", "/api/v1/refresh", null).statusCode()).isEqualTo(401);
    assertThat(send("POST", "/api/v1/refresh", READER).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/api/v1/refresh/jobs", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/v1/refresh/jobs", READER).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/refresh/jobs/no-such-job", READER).statusCode()).isEqualTo(404);
  }

  @Test
  void aWaitOutsideItsRangeIsABadRequest() throws Exception {
    HttpResponse<String> tooLong = send("POST", "/api/v1/refresh?wait=301", WRITER);
    HttpResponse<String> notANumber = send("POST", "/api/v1/refresh?wait=soon", WRITER);

    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(json(tooLong).get("detail").asText()).contains("wait must be 0-300 seconds");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(json(notANumber).get("detail").asText()).contains("wait").doesNotContain("soon");
  }
}
