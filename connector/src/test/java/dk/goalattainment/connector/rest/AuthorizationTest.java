package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Authorisation is decided on the resolved route and its decoded parameters: no spelling of a path
 * gets an anonymous caller past it, and tokens see exactly their scopes and org subtrees. Requests
 * go over a raw socket, so every spelling reaches the server as written.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationTest implements TestPropertyProvider {
  static final String FULL = "full-access-token-0123456789";
  static final String FBU_READER = "fbu-reader-token-0123456789";
  static final String BC_CITIZEN = "bc-citizen-token-0123456789";
  static final String READER = "reader-token-0123456789";
  static final String WRITER = "writer-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern CITIZEN_KEY = Pattern.compile("[0-9a-f]{64}");

  @Inject EmbeddedServer server;

  RawHttp http;

  @Override
  public Map<String, String> getProperties() {
    return TestServers.properties(
        "authorization-test",
        "connector.api.token",
        FULL,
        "connector.api.tokens.fbu-reader.sha256",
        sha256(FBU_READER),
        "connector.api.tokens.fbu-reader.scopes",
        "read,read:citizen",
        "connector.api.tokens.fbu-reader.orgs",
        "FBU",
        "connector.api.tokens.bc-citizen.sha256",
        sha256(BC_CITIZEN).toUpperCase(Locale.ROOT),
        "connector.api.tokens.bc-citizen.scopes",
        "read:citizen",
        "connector.api.tokens.bc-citizen.orgs",
        "BC",
        "connector.api.tokens.reader.sha256",
        sha256(READER),
        "connector.api.tokens.reader.scopes",
        "read",
        "connector.api.tokens.writer.sha256",
        sha256(WRITER),
        "connector.api.tokens.writer.scopes",
        "write");
  }

  static String sha256(String token) {
    return HexFormat.of().formatHex(ApiTokens.sha256(token));
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  RawHttp.Answer post(String target, String token, String type, String body) throws IOException {
    return http.send(
        "POST",
        target,
        token == null
            ? Map.of("Content-Type", type)
            : Map.of("Content-Type", type, "Authorization", "Bearer " + token),
        body);
  }

  RawHttp.Answer get(String target, String token) throws IOException {
    return http.send("GET", target, token == null ? Map.of() : bearer(token), null);
  }

  /** The worked example under FBU, and two citizens of SUV, refreshed. */
  @BeforeAll
  void ingestTwoAreasAndRefresh() throws IOException {
    http = new RawHttp(server.getPort());
    String suvUnits =
        "\nSUV;Socialpsykiatri og Udsatte Voksne;SOC;;2010-01-01;\n"
            + "SUV-M;SUV Myndighed;SUV;myndighed;2010-01-01;\n";
    assertThat(
            post(
                    "/api/v1/ingest/org-units",
                    FULL,
                    "text/csv",
                    RestApiTest.orgCsv().strip() + suvUnits)
                .status())
        .isEqualTo(200);
    String goals =
        RestApiTest.goalsJson().replaceFirst("]$", "")
            + ",{\"goal_id\":\"s1\",\"cpr\":\"0303801234\",\"target_group\":\"voksne_udsatte\","
            + "\"life_theme\":\"relationer\",\"baseline_score\":3,\"target_score\":6,"
            + "\"set_date\":\"2018-03-01\",\"due_date\":\"2018-12-01\",\"authority_unit_id\":"
            + "\"SUV-M\"}]";
    assertThat(post("/api/v1/ingest/goals", FULL, "application/json", goals).status())
        .isEqualTo(200);
    String followUps = RestApiTest.followUpsCsv() + "s-f1,s1,2018-11-20,7\n";
    assertThat(post("/api/v1/ingest/followups", WRITER, "text/csv", followUps).status())
        .isEqualTo(200);
    assertThat(post("/api/v1/refresh?wait=120", WRITER, "application/json", "").status())
        .isEqualTo(200);
  }

  // (the verbatim reproductions of issue 10 are in Issue10ReproductionsTest)

  @Test
  void aPercentEncodedCitizenGrainPathReachesTheResourceAndIsDecidedThere() throws IOException {
    String target = "/api/v1/datasets/%67oal_followups/rows?format=csv&limit=50000";

    assertThat(get(target, null).status()).isEqualTo(401);
    assertThat(get(target, READER).status()).as("read is not read:citizen").isEqualTo(403);
    RawHttp.Answer withToken = get(target, FULL);
    assertThat(withToken.status()).isEqualTo(200);
    assertThat(holdsRows(withToken.body())).isTrue();
  }

  // --- no spelling of a protected path gets past authorisation ---

  @Test
  void noSpellingOfAProtectedReadGivesRowsToAnAnonymousCaller() throws IOException {
    List<String> leaks = new ArrayList<>();
    java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    int reachedWithToken = 0;
    int tried = 0;
    for (String dataset : List.of("goal_followups", "attainment", "followup_compliance")) {
      for (String path : spellings("/api/v1/datasets/" + dataset + "/rows")) {
        for (String query : List.of("", "?format=csv&limit=50000")) {
          tried++;
          RawHttp.Answer a = get(path + query, null);
          statuses.merge(a.status(), 1, Integer::sum);
          if (a.ok() && holdsRows(a.body())) {
            leaks.add(path + query + " -> " + a.status());
          }
          if (query.isEmpty() && holdsRows(get(path, FULL).body())) {
            reachedWithToken++;
          }
        }
      }
    }

    assertThat(tried).isGreaterThan(600);
    assertThat(leaks).isEmpty();
    assertThat(statuses).as("anonymous answers by status").containsKey(401);
    assertThat(reachedWithToken)
        .as("many spellings do reach the rows with a token, so the refusals are authorisation")
        .isGreaterThan(50);
  }

  @Test
  void noSpellingOfAWriteLetsAnAnonymousCallerIngestOrRefresh() throws IOException {
    String before = datasetsRefreshedAt();
    List<String> accepted = new ArrayList<>();
    for (String path :
        List.of(
            "/api/v1/ingest/followups",
            "/api/v1/ingest/goals",
            "/api/v1/ingest/org-units",
            "/api/v1/refresh")) {
      for (String spelling : spellings(path)) {
        String body =
            switch (path.substring(path.lastIndexOf('/') + 1)) {
              case "org-units" ->
                  "unit_id,name,parent_id,role,valid_from\nEVIL,Evil,SOC,,2010-01-01\n";
              case "goals" ->
                  RestApiTest.goalsJson()
                      .replace("\"g1\"", "\"evil-g\"")
                      .replace("\"g2\"", "\"evil-g2\"");
              default -> "followup_id,goal_id,followup_date,score\nevil-f,g1,2018-12-20,1\n";
            };
        RawHttp.Answer a =
            post(spelling, null, body.startsWith("[") ? "application/json" : "text/csv", body);
        if (a.ok()) {
          accepted.add(spelling + " -> " + a.status());
        }
      }
    }
    RawHttp.Answer override =
        http.send(
            "POST",
            "/api/v1/datasets/goal_followups/rows",
            Map.of("X-HTTP-Method-Override", "GET", "Content-Type", "text/csv"),
            "");

    assertThat(accepted).isEmpty();
    assertThat(override.ok()).isFalse();
    assertThat(datasetsRefreshedAt()).as("no refresh happened").isEqualTo(before);
    assertThat(get("/api/v1/attainment?period=2018-Q4&org=NOPE&live=true", FULL).status())
        .isEqualTo(404);
    assertThat(get("/api/v1/attainment?period=2018-Q4&org=EVIL&live=true", FULL).status())
        .as("the unit was not ingested")
        .isEqualTo(404);
    assertThat(get("/api/v1/attainment?period=2018-Q4&org=SOC&live=true", FULL).body())
        .as("the follow-up was not ingested: still 6 counted")
        .contains("\"goals_followed_up\":6");
  }

  @Test
  void noSpellingOfTheFigureEndpointsGivesAnAnonymousCallerMoreThanPublicFigures()
      throws IOException {
    int answered = 0;
    for (String path : spellings("/api/v1/attainment")) {
      RawHttp.Answer a = get(path + "?period=2018-Q4&org=FBU&by=effect_goal", null);
      if (a.ok()) {
        answered++;
        // the worked example's cells are all under the threshold: every figure withheld (null)
        assertThat(a.body())
            .as(path)
            .contains("\"public\":true")
            .doesNotContainPattern("\"citizens\":\\d");
      }
    }
    for (String path : spellings("/api/v1/metrics/goal_attainment_avg")) {
      RawHttp.Answer a = get(path, null);
      if (a.ok() && a.body().contains("\"evaluation\"")) {
        answered++;
        assertThat(a.body())
            .as(path)
            .contains("\"figures\":\"public\"")
            .doesNotContainPattern("\"value\":\\d");
      }
    }

    assertThat(answered).as("spellings that reach the resources").isGreaterThan(20);
  }

  @Test
  void aWrongOrMalformedTokenIsRefusedOnEveryPath() throws IOException {
    for (String path :
        List.of(
            "/api/v1/opendata/metode.md", "/api/v1/attainment?period=2018&org=SOC", "/health")) {
      assertThat(get(path, "not-a-token").status()).as(path).isEqualTo(401);
      assertThat(
              http.send("GET", path, Map.of("Authorization", "Basic dXNlcjpwdw=="), null).status())
          .as(path)
          .isEqualTo(401);
    }
  }

  // --- scopes and org subtrees ---

  @Test
  void aReaderLimitedToFbuSeesFbuInFullAndNothingElse() throws IOException {
    JsonNode fbu =
        json(get("/api/v1/attainment?period=2018-Q4&org=FBU&by=effect_goal", FBU_READER));
    RawHttp.Answer soc = get("/api/v1/attainment?period=2018-Q4&org=SOC", FBU_READER);
    RawHttp.Answer suv = get("/api/v1/attainment?period=2018-Q4&org=SUV", FBU_READER);
    RawHttp.Answer unknown = get("/api/v1/attainment?period=2018-Q4&org=NOPE", FBU_READER);

    assertThat(fbu.get("rows").get(1).get("citizens").asLong()).isEqualTo(2);
    assertThat(fbu.has("public")).isFalse();
    assertThat(List.of(soc.status(), suv.status(), unknown.status())).containsOnly(403);
    assertThat(soc.body() + suv.body()).doesNotContain("citizens");
    assertThat(unknown.body()).doesNotContain("NOPE");
  }

  @Test
  void orgLimitedTokensGetTheRowsOfTheirSubtreesOnly() throws IOException {
    JsonNode fbu = json(get("/api/v1/datasets/goal_followups/rows", FBU_READER));
    JsonNode bc = json(get("/api/v1/datasets/goal_followups/rows", BC_CITIZEN));
    JsonNode all = json(get("/api/v1/datasets/goal_followups/rows", FULL));
    JsonNode fbuCube = json(get("/api/v1/datasets/attainment/rows?limit=50000", FBU_READER));

    assertThat(all.get("total").asLong()).isEqualTo(6);
    assertThat(fbu.get("total").asLong()).as("authority FBU-M").isEqualTo(5);
    assertThat(bc.get("total").asLong()).as("provider BC").isEqualTo(5);
    assertThat(bc.get("rows"))
        .extracting(r -> r.get("authority_unit_id").asText())
        .containsOnly("FBU-M");
    assertThat(fbuCube.get("rows"))
        .extracting(r -> r.get("org_path").asText())
        .isNotEmpty()
        .allMatch(p -> p.startsWith("/SOC/FBU/"));
  }

  @Test
  void eachScopeAllowsItsOwnOperationsOnly() throws IOException {
    assertThat(get("/api/v1/datasets/goal_followups/rows", READER).status())
        .as("read is not read:citizen")
        .isEqualTo(403);
    assertThat(get("/api/v1/datasets/attainment/rows?limit=1", READER).status()).isEqualTo(200);
    assertThat(get("/api/v1/datasets/attainment/rows?limit=1", WRITER).status())
        .as("write is not read")
        .isEqualTo(403);
    assertThat(
            json(get("/api/v1/attainment?period=2018&org=SOC", WRITER)).get("public").asBoolean())
        .as("a token without read gets the public figures")
        .isTrue();
    assertThat(post("/api/v1/refresh", READER, "application/json", "").status()).isEqualTo(403);
    assertThat(post("/api/v1/refresh", FBU_READER, "application/json", "").status()).isEqualTo(403);
    assertThat(
            post(
                    "/api/v1/ingest/followups",
                    BC_CITIZEN,
                    "text/csv",
                    "followup_id,goal_id,followup_date,score\n")
                .status())
        .isEqualTo(403);
  }

  @Test
  void aMetricEvaluationOutsideTheTokensOrgsUsesThePublicFigures() throws IOException {
    JsonNode limited = json(get("/api/v1/metrics/goal_attainment_avg", FBU_READER));
    JsonNode full = json(get("/api/v1/metrics/goal_attainment_avg", READER));

    assertThat(limited.get("evaluation").get("figures").asText()).isEqualTo("public");
    assertThat(full.get("evaluation").get("figures").asText()).isEqualTo("full");
    assertThat(full.get("evaluation").get("value").asDouble()).isBetween(0.0, 1.0);
    assertThat(limited.get("evaluation").hasNonNull("value"))
        .as("3 citizens at SOC: withheld in the public figures")
        .isFalse();
  }

  // --- helpers ---

  private String datasetsRefreshedAt() throws IOException {
    return json(get("/api/v1/datasets", null)).get("refreshed_at").asText();
  }

  private static JsonNode json(RawHttp.Answer a) throws IOException {
    assertThat(a.ok()).as(a.status() + " " + a.body()).isTrue();
    return JSON.readTree(a.body());
  }

  /** Whether an answer carries dataset rows (JSON rows, a CSV table, or a citizen key). */
  static boolean holdsRows(String body) {
    return body.contains("\"rows\":[{")
        || body.startsWith("period,")
        || CITIZEN_KEY.matcher(body).find();
  }

  /**
   * Ways to write a path: each character percent-encoded (upper and lower hex), every character
   * encoded, double encoding, upper and mixed case, double slashes, dot segments (plain and
   * encoded), matrix parameters on each segment, a trailing slash, an encoded slash and a
   * backslash.
   */
  static Set<String> spellings(String path) {
    Set<String> s = new LinkedHashSet<>();
    s.add(path);
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '/') {
        all.append(c);
        continue;
      }
      String hex = String.format("%02X", (int) c);
      all.append('%').append(hex);
      s.add(path.substring(0, i) + "%" + hex + path.substring(i + 1));
      s.add(path.substring(0, i) + "%" + hex.toLowerCase(Locale.ROOT) + path.substring(i + 1));
      s.add(path.substring(0, i) + "%25" + hex + path.substring(i + 1));
    }
    s.add(all.toString());
    s.add(path.toUpperCase(Locale.ROOT));
    String[] segments = path.substring(1).split("/");
    for (int i = 0; i < segments.length; i++) {
      String before = "/" + String.join("/", List.of(segments).subList(0, i));
      String after = String.join("/", List.of(segments).subList(i, segments.length));
      String head = i == 0 ? "" : before;
      s.add(head + "//" + after);
      s.add(head + "/./" + after);
      s.add(head + "/%2e/" + after);
      s.add(head + "/x/../" + after);
      s.add(head + "/x/%2e%2E/" + after);
      s.add(head + "/" + segments[i] + ";x=1" + after.substring(segments[i].length()));
      s.add(head + "/" + capitalise(segments[i]) + after.substring(segments[i].length()));
    }
    s.add(path + "/");
    s.add(path + "//");
    s.add(path + "/.");
    s.add(path + ";");
    s.add(path.replace("/rows", "%2Frows"));
    s.add(path.replace("/rows", "\\rows"));
    return s;
  }

  private static String capitalise(String segment) {
    return segment.isEmpty()
        ? segment
        : Character.toUpperCase(segment.charAt(0)) + segment.substring(1);
  }
}
