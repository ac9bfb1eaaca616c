package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.cli.CliRunner;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.store.DatasetRefresher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What operators and API clients rely on beyond the figures: JSON rendered like the CLI's (empty
 * lists and nulls kept), errors that say what to do, the org-unit listing, liveness and readiness.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestOperationsTest implements TestPropertyProvider {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A full-access token: these are a reader's answers (anonymous callers get public figures). */
  static final String TOKEN = "rest-operations-test-token";

  @Inject
  @Client("/")
  HttpClient http;

  Path db;

  @Override
  public Map<String, String> getProperties() {
    try {
      Path dir = Files.createTempDirectory("rest-ops-test");
      try (TestStore store = new TestStore(dir)) {
        store.ingest(WorkedExample.batch());
        new DatasetRefresher(store.store)
            .refresh(
                CheckedDefinitions.load(
                        new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
                    .definitions(),
                s -> {});
        db = store.file;
      }
      return Map.of(
          "connector.store.duckdb-path",
          db.toString(),
          "connector.api.token",
          TOKEN,
          "micronaut.server.port",
          "-1");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode get(String path) throws IOException {
    return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(TOKEN)));
  }

  @Test
  void aSliceWithoutFollowUpsKeepsItsEmptyRowsListAsTheCliDoes() throws IOException {
    JsonNode rest = get("/api/v1/attainment?period=2010&org=FBU&by=effect_goal");
    var cli =
        CliRunner.run(
            "report",
            "--db",
            db.toString(),
            "--period",
            "2010",
            "--org",
            "FBU",
            "--by",
            "effect_goal",
            "--format",
            "json");

    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(rest.get("rows")).as("rows present and empty").isNotNull();
    assertThat(rest.get("rows").isArray()).isTrue();
    assertThat(rest.get("rows")).isEmpty();
    assertThat(JSON.readTree(cli.out())).isEqualTo(rest);
  }

  @Test
  void nullFiguresAreRenderedAsNullWithTheSameFieldsAsTheCli() throws IOException {
    String query = "?period=2018-Q4&org=FBU&by=effect_goal";
    JsonNode rest = get("/api/v1/attainment" + query);
    var cli =
        CliRunner.run(
            "report",
            "--db",
            db.toString(),
            "--period",
            "2018-Q4",
            "--org",
            "FBU",
            "--by",
            "effect_goal",
            "--format",
            "json");

    JsonNode ls = rest.get("rows").get(0);
    assertThat(ls.get("group").asText()).isEqualTo("LS");
    // one citizen: no interval, and the field is there as null, not left out
    assertThat(ls.has("goal_attainment_ci_low")).isTrue();
    assertThat(ls.get("goal_attainment_ci_low").isNull()).isTrue();
    JsonNode cliLs = JSON.readTree(cli.out()).get("rows").get(0);
    assertThat(fieldNames(ls)).isEqualTo(fieldNames(cliLs));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void anUnknownOrgNamesTheIdAndWhereTheUnitsAreListed() throws IOException {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                http.toBlocking()
                    .exchange(
                        HttpRequest.GET("/api/v1/attainment?period=2018-Q4&org=FBX")
                            .bearerAuth(TOKEN),
                        String.class));

    assertThat(e.getStatus().getCode()).isEqualTo(404);
    String detail =
        JSON.readTree(e.getResponse().getBody(String.class).orElseThrow()).get("detail").asText();
    assertThat(detail).contains("'FBX'").contains("GET /api/v1/org-units");
    var cli = CliRunner.run("report", "--db", db.toString(), "--period", "2018", "--org", "FBX");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("'FBX'").contains("connector units");
  }

  @Test
  void listsTheOrgUnitsInTreeOrderWithoutFigures() throws IOException {
    JsonNode units = get("/api/v1/org-units").get("units");

    assertThat(units)
        .extracting(u -> u.get("unit_id").asText())
        .containsExactly("SOC", "FBU", "BC", "FBU-M");
    JsonNode bc = units.get(2);
    assertThat(bc.get("parent_id").asText()).isEqualTo("FBU");
    assertThat(bc.get("role").asText()).isEqualTo("udfoerer");
    assertThat(bc.get("valid_from").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(bc.has("valid_to")).isTrue();
    assertThat(bc.get("depth").asInt()).isEqualTo(2);
    assertThat(units.get(0).get("parent_id").isNull()).isTrue();
    assertThat(fieldNames(bc))
        .containsExactly("unit_id", "name", "parent_id", "role", "valid_from", "valid_to", "depth");
  }

  @Test
  void theCliListsTheSameUnits() {
    var csv = CliRunner.run("units", "--db", db.toString(), "--format", "csv");
    var table = CliRunner.run("units", "--db", db.toString());

    assertThat(csv.exitCode()).as(csv.err()).isZero();
    assertThat(csv.out().lines().toList())
        .first()
        .isEqualTo("unit_id,name,parent_id,role,valid_from,valid_to,depth");
    assertThat(csv.out().lines().skip(1).map(l -> l.split(",")[0]).toList())
        .containsExactly("SOC", "FBU", "BC", "FBU-M");
    assertThat(table.out()).contains("    BC").contains("4 units.");
  }

  @Test
  void livenessAndReadinessAreUpWithTheStoreReachable() throws IOException {
    assertThat(get("/health/liveness").get("status").asText()).isEqualTo("UP");
    JsonNode readiness = get("/health/readiness");
    assertThat(readiness.get("status").asText()).isEqualTo("UP");
    assertThat(readiness.toString()).contains("store");
    assertThat(get("/health").get("status").asText()).isEqualTo("UP");
  }
}
