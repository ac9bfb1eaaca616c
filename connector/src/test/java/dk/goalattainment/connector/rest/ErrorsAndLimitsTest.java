package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.app.ConnectorRuntime;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Errors never leak internals (a bad filter value is a 400 naming the parameter and type; a server
 * error is logged under a correlation id that the problem carries), a refresh failing on data is
 * not a bad request, and ingest bodies are streamed up to the size limit with a 413 beyond it. The
 * limit is lowered to 40 MiB here, and the request buffer to 1 MiB, so that an accepted 3 MiB body
 * shows that bodies are streamed rather than buffered.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsAndLimitsTest implements TestPropertyProvider {
  static final String TOKEN = "errors-token-0123456789";
  static final String LIMITED = "limited-token-0123456789";
  static final int LIMIT = 8 * 1024 * 1024;
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject EmbeddedServer server;
  @Inject ConnectorRuntime runtime;

  final ContractHttp client = new ContractHttp();

  @Override
  public Map<String, String> getProperties() {
    return TestServers.properties(
        "errors-test",
        "connector.api.token",
        TOKEN,
        "connector.api.tokens.limited.sha256",
        HexFormat.of().formatHex(ApiTokens.sha256(LIMITED)),
        "connector.api.tokens.limited.scopes",
        "read",
        "connector.api.tokens.limited.orgs",
        "FBU",
        "micronaut.server.max-request-size",
        Integer.toString(LIMIT),
        "micronaut.server.max-request-buffer-size",
        Integer.toString(1024 * 1024));
  }

  @BeforeAll
  void ingestTheWorkedExample() throws Exception {
    assertThat(post("/api/v1/ingest/org-units", "text/csv", RestApiTest.orgCsv()).statusCode())
        .isEqualTo(200);
    assertThat(
            post("/api/v1/ingest/goals", "application/json", RestApiTest.goalsJson()).statusCode())
        .isEqualTo(200);
    assertThat(
            post("/api/v1/ingest/followups", "text/csv", RestApiTest.followUpsCsv()).statusCode())
        .isEqualTo(200);
    assertThat(post("/api/v1/refresh?wait=120", "application/json", "").statusCode())
        .isEqualTo(200);
  }

  HttpResponse<String> post(String path, String type, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", type)
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build());
  }

  URI uri(String path) {
    return URI.create(server.getURL() + path);
  }

  static JsonNode problem(HttpResponse<String> r) throws IOException {
    assertThat(r.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
    return JSON.readTree(r.body());
  }

  // --- errors without internals ---

  @Test
  void aBadFilterValueIsABadRequestNamingTheParameterAndTypeNeverTheValueOrSql() throws Exception {
    HttpResponse<String> r = get("/api/v1/datasets/attainment/rows?citizens=010190%201234", TOKEN);

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = problem(r);
    assertThat(p.get("detail").asText())
        .isEqualTo(
            "Invalid filter values: citizens must be an integer written with the digits 0-9"
                + " (BIGINT)");
    assertThat(r.body())
        .doesNotContain("010190")
        .doesNotContain("1234")
        .doesNotContainIgnoringCase("select")
        .doesNotContainIgnoringCase("cast")
        .doesNotContainIgnoringCase("conversion");
  }

  @Test
  void aParameterOfTheWrongTypeIsNamedWithoutItsValue() throws Exception {
    HttpResponse<String> r = get("/api/v1/datasets/attainment/rows?limit=0101901234567", TOKEN);
    HttpResponse<String> offset = get("/api/v1/datasets/attainment/rows?offset=010190-1234", TOKEN);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(problem(r).get("detail").asText()).startsWith("Parameter limit must be");
    assertThat(r.body()).doesNotContain("0101901234");
    assertThat(offset.statusCode()).isEqualTo(400);
    assertThat(problem(offset).get("detail").asText())
        .isEqualTo("Parameter offset must be an integer written with the digits 0-9");
    assertThat(offset.body()).doesNotContain("010190").doesNotContain("1234");
  }

  @Test
  void aServerErrorIsLoggedUnderACorrelationIdThatTheProblemCarries() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(Problems.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    sql("ALTER TABLE org_closure RENAME TO org_closure_gone");
    HttpResponse<String> r;
    try {
      r = get("/api/v1/attainment?period=2018-Q4&org=FBU", LIMITED);
    } finally {
      sql("ALTER TABLE org_closure_gone RENAME TO org_closure");
      logger.detachAppender(log);
    }

    assertThat(r.statusCode()).isEqualTo(500);
    JsonNode p = problem(r);
    String id = p.get("correlation_id").asText();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(r.headers().firstValue(Problems.CORRELATION_HEADER)).hasValue(id);
    assertThat(p.get("detail").asText())
        .isEqualTo(
            "The connector failed (Store failure); the server log has the details under"
                + " correlation id "
                + id
                + ".");
    assertThat(r.body()).doesNotContain("org_closure").doesNotContainIgnoringCase("select");
    assertThat(log.list)
        .anySatisfy(
            e -> {
              assertThat(e.getFormattedMessage())
                  .contains("correlation_id=" + id)
                  .contains("GET /api/v1/attainment answered 500")
                  .contains("org_closure");
            });
  }

  @Test
  void aRefreshFailingOnStoredDataIsAConflictNamingTheRecordNotABadRequest() throws Exception {
    sql("INSERT INTO followup VALUES ('f-3019', 'g1', DATE '3019-05-01', 6)");
    HttpResponse<String> r;
    try {
      r = post("/api/v1/refresh?wait=120", "application/json", "");
    } finally {
      sql("DELETE FROM followup WHERE followup_id = 'f-3019'");
    }

    assertThat(r.statusCode()).isEqualTo(409);
    JsonNode p = problem(r);
    assertThat(p.get("type").asText()).isEqualTo("urn:goal-attainment:problem:stored-data-invalid");
    assertThat(p.get("detail").asText())
        .contains("followups f-3019 (followup_date)")
        .doesNotContainIgnoringCase("year out of range");
  }

  // --- ingest size limit and streaming ---

  @Test
  void aBodyLargerThanTheRequestBufferIsStreamedIntoTheIngest() throws Exception {
    String big = "x".repeat(3 * 1024 * 1024);
    String csv =
        "unit_id,name,parent_id,role,valid_from,comment\nBIG,Stor,SOC,,2010-01-01," + big + "\n";

    HttpResponse<String> r = post("/api/v1/ingest/org-units", "text/csv", csv);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("received").asLong()).isEqualTo(1);
  }

  @Test
  void aBodyOverTheLimitIsA413ProblemWithOrWithoutAContentLength() throws Exception {
    byte[] body =
        ("followup_id,goal_id,followup_date,score\n"
                + "f,g1,2018-11-15,5\n".repeat(LIMIT / 18 + 10))
            .getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThan(LIMIT);
    // A Content-Length over the limit is refused before the body is read: only the head is sent
    // (a client still uploading when the server closes the connection may miss the answer).
    RawHttp.Answer sized =
        new RawHttp(server.getPort())
            .send(
                "POST",
                "/api/v1/ingest/followups",
                Map.of(
                    "Content-Type",
                    "text/csv",
                    "Authorization",
                    "Bearer " + TOKEN,
                    "Content-Length",
                    Integer.toString(body.length)),
                null);
    HttpResponse<String> chunked =
        send(
            HttpRequest.newBuilder(uri("/api/v1/ingest/followups"))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));

    assertThat(sized.status()).isEqualTo(413);
    assertThat(sized.header("Content-Type")).isEqualTo(Problems.MEDIA_TYPE);
    assertThat(JSON.readTree(sized.body()).get("detail").asText())
        .startsWith("The request body is larger than the limit of 8 MiB");
    for (HttpResponse<String> r : List.of(chunked)) {
      assertThat(r.statusCode()).isEqualTo(413);
      JsonNode p = problem(r);
      assertThat(p.get("type").asText()).isEqualTo("urn:goal-attainment:problem:payload-too-large");
      assertThat(p.get("detail").asText())
          .startsWith("The request body is larger than the limit of 8 MiB")
          .contains("connector ingest");
    }
    assertThat(
            JSON.readTree(get("/api/v1/attainment?period=2018-Q4&org=FBU&live=true", TOKEN).body())
                .get("rows")
                .get(0)
                .get("goals_followed_up")
                .asLong())
        .as("nothing was stored")
        .isEqualTo(5);
  }

  @Test
  void anEmptyIngestBodyIsAClearBadRequest() throws Exception {
    for (String type : new String[] {"text/csv", "application/json"}) {
      HttpResponse<String> r = post("/api/v1/ingest/goals", type, "");

      assertThat(r.statusCode()).as(type).isEqualTo(400);
      assertThat(problem(r).get("detail").asText())
          .startsWith("The request body is empty: send the records as CSV");
    }
  }

  @Test
  void aHeaderOfAHundredThousandUnknownColumnsGivesAShortProblem() throws Exception {
    StringBuilder header = new StringBuilder("goal_id");
    for (int i = 0; i < 100_000; i++) {
      header.append(",col").append(i % 10);
    }
    HttpResponse<String> r = post("/api/v1/ingest/goals", "text/csv", header + "\n");

    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode p = problem(r);
    assertThat(p.get("errors")).hasSize(1_000);
    assertThat(p.get("error_count").asLong()).isEqualTo(100_008);
    assertThat(r.body().length()).isLessThan(250_000);
  }

  void sql(String statement) throws SQLException {
    try (Connection c = runtime.store().dialect().connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
