package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.EmbeddedPostgresServer;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.store.postgres.PostgresDialect;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a PostgreSQL server that goes down and comes back: readiness says DOWN within 2 s,
 * API calls answer 503 problem+json fast instead of hanging, liveness stays UP, and everything
 * recovers by itself when the server is back. A server of its own (zonky's embedded PostgreSQL 14,
 * as {@link EmbeddedPostgresServer}), stopped and started again on the same data and port.
 */
class StoreOutageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ATTAINMENT = "/api/v1/attainment?period=2018-Q4&org=FBU&by=effect_goal";

  @TempDir Path dir;

  EmbeddedPostgres pg;
  ApplicationContext service;
  final ContractHttp http =
      new ContractHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  String base;

  EmbeddedPostgres startPostgres(int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir.resolve("pgdata"))
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("fsync", "off")
        .setLocaleConfig("locale", "C")
        .start();
  }

  @AfterEach
  void stop() throws IOException {
    if (service != null) {
      service.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  /** A reader's token: anonymous callers get public figures, which need a refresh. */
  static final String TOKEN = "store-outage-test-token";

  record Answer(int status, String contentType, JsonNode body, long millis) {}

  Answer get(String path) throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(30))
                .build());
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("outage test: GET %s -> %d in %d ms%n", path, r.statusCode(), millis);
    return new Answer(
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        JSON.readTree(r.body()),
        millis);
  }

  @Test
  void readinessGoesDownFastAndTheApiAnswers503UntilPostgresIsBack() throws Exception {
    EmbeddedPostgresServer.get(); // the binaries are unpacked (and unshare checked) once
    pg = startPostgres(0);
    int port = pg.getPort();
    String url = pg.getJdbcUrl(EmbeddedPostgresServer.USER, "postgres");
    try (TestStore store =
        new TestStore(new PostgresDialect(url, EmbeddedPostgresServer.USER, null, 2))) {
      store.ingest(WorkedExample.batch());
    }
    service =
        ApplicationContext.run(
            Map.of(
                "connector.store.kind",
                "postgres",
                "connector.store.postgres.url",
                url,
                "connector.pseudonym.key",
                TestStore.KEY,
                "connector.api.token",
                TOKEN,
                "micronaut.server.port",
                -1),
            "server");
    EmbeddedServer server = service.getBean(EmbeddedServer.class).start();
    base = "http://localhost:" + server.getPort();

    assertThat(get("/health/readiness").status()).isEqualTo(200);
    assertThat(get(ATTAINMENT).status()).isEqualTo(200);

    pg.close();
    pg = null;

    Answer readiness = get("/health/readiness");
    assertThat(readiness.status()).isEqualTo(503);
    assertThat(readiness.body().get("status").asText()).isEqualTo("DOWN");
    assertThat(readiness.millis()).as("readiness answers within 2 s").isLessThan(2_000);
    assertThat(get("/health/liveness").status())
        .as("liveness does not need the store")
        .isEqualTo(200);
    for (String path : new String[] {ATTAINMENT, "/api/v1/datasets", "/api/v1/org-units"}) {
      Answer a = get(path);
      assertThat(a.status()).as(path).isEqualTo(503);
      assertThat(a.contentType()).as(path).startsWith(Problems.MEDIA_TYPE);
      assertThat(a.body().get("type").asText())
          .isEqualTo("urn:goal-attainment:problem:store-unavailable");
      assertThat(a.millis()).as(path + " fails fast").isLessThan(2_000);
      assertThat(a.body().get("detail").asText())
          .as("the driver's reason (host, port) stays in the server log")
          .contains("cannot be reached right now", "correlation id")
          .doesNotContain(String.valueOf(port))
          .doesNotContainIgnoringCase("refused");
      assertThat(a.body().get("correlation_id").asText()).isNotBlank();
    }

    pg = startPostgres(port);

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Answer back = get("/health/readiness");
    while (back.status() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      back = get("/health/readiness");
    }
    assertThat(back.status()).as("readiness recovers by itself").isEqualTo(200);
    Answer figures = get(ATTAINMENT);
    assertThat(figures.status()).isEqualTo(200);
    assertThat(figures.body().get("rows").get(1).get("citizens").asLong()).isEqualTo(2);
  }
}
