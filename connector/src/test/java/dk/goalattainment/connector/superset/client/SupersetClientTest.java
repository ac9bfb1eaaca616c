package dk.goalattainment.connector.superset.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.superset.fake.FakeSuperset;
import dk.goalattainment.connector.superset.fake.RisonParser;
import dk.goalattainment.connector.superset.fake.SupersetHarness;
import dk.goalattainment.connector.superset.fake.TestBundles;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SupersetClientTest {
  @RegisterExtension static final SupersetHarness superset = new SupersetHarness();

  static final String URI_WITH_PASSWORD = "postgresql://reader:db-Secret@db:5432/goals";

  /** The database request the client tests create, with a password in its URI. */
  static DatabaseRequest goals() {
    return new DatabaseRequest("goals", URI_WITH_PASSWORD, true, true, "https://defs/db", null);
  }

  @Test
  void logsInOnFirstUseWithTheDbProviderAndARefreshToken() {
    try (SupersetClient client = superset.client()) {
      assertThat(client.listDatabases()).isEmpty();
    }
    LoggedRequest login = superset.requests().get(0);
    assertThat(login.getUrl()).isEqualTo("/api/v1/security/login");
    assertThat(login.getBodyAsString())
        .contains("\"provider\":\"db\"", "\"refresh\":true", "\"username\":\"admin\"");
    assertThat(superset.requests().get(1).getHeader("Authorization")).startsWith("Bearer access-");
  }

  @Test
  void aWrongPasswordFailsAsUnauthorizedWithSupersetsMessageAndNeverThePassword() {
    SupersetConfig wrong =
        new SupersetConfig(
            superset.url(),
            "admin",
            "not-the-Password",
            AuthProvider.DB,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            superset.config().retry());
    try (SupersetClient client = new SupersetClient(wrong)) {
      assertThatThrownBy(client::login)
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.getMessage())
                    .contains("login failed", "admin", "Not authorized")
                    .doesNotContain("not-the-Password");
              });
    }
    assertThat(superset.calls()).containsExactly("POST /api/v1/security/login");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedAndTheCallRetriedOnce() {
    try (SupersetClient client = superset.client()) {
      client.login();
      superset.fake().expireAccessTokens();
      assertThat(client.listDatabases()).isEmpty();
    }
    assertThat(superset.calls())
        .containsExactly(
            "POST /api/v1/security/login",
            "GET /api/v1/database/",
            "POST /api/v1/security/refresh",
            "GET /api/v1/database/");
  }

  @Test
  void anExpiredRefreshTokenFallsBackToANewLogin() {
    try (SupersetClient client = superset.client()) {
      client.login();
      superset.fake().expireAccessTokens();
      superset.fake().expireRefreshTokens();
      assertThat(client.listDatabases()).isEmpty();
    }
    assertThat(superset.calls())
        .containsExactly(
            "POST /api/v1/security/login",
            "GET /api/v1/database/",
            "POST /api/v1/security/refresh",
            "POST /api/v1/security/login",
            "GET /api/v1/database/");
  }

  @Test
  void everyWriteCarriesTheCsrfTokenTheSessionCookieAndASameOriginReferer() {
    try (SupersetClient client = superset.client()) {
      int id = client.createDatabase(goals());
      client.updateDatabase(id, goals());
    }
    List<LoggedRequest> writes =
        superset.requests().stream()
            .filter(r -> r.getUrl().startsWith("/api/v1/database/"))
            .toList();
    assertThat(writes).hasSize(2);
    for (LoggedRequest w : writes) {
      assertThat(w.getHeader("X-CSRFToken")).startsWith("csrf-");
      assertThat(w.getHeader("Cookie")).startsWith("session=");
      assertThat(w.getHeader("Referer")).isEqualTo(superset.url() + "/");
    }
    assertThat(superset.calls())
        .containsExactly(
            "POST /api/v1/security/login",
            "GET /api/v1/security/csrf_token/",
            "POST /api/v1/database/",
            "PUT /api/v1/database/" + superset.fake().databases().get(0).id);
  }

  @Test
  void readsNeverFetchACsrfToken() {
    try (SupersetClient client = superset.client()) {
      client.listDatabases();
      client.listRlsRules();
    }
    assertThat(superset.calls()).doesNotContain("GET /api/v1/security/csrf_token/");
  }

  @Test
  void aCsrfTokenSupersetNoLongerKnowsIsRenewedOnceAndTheWriteSucceeds() {
    try (SupersetClient client = superset.client()) {
      client.createDatabase(goals());
      superset.fake().dropSessions();
      int id =
          client.createDatabase(
              new DatabaseRequest("other", "duckdb:////data/x.duckdb", false, true, null, null));
      assertThat(id).isPositive();
    }
    assertThat(superset.fake().databases())
        .extracting(d -> d.name)
        .containsExactly("goals", "other");
    assertThat(superset.calls())
        .containsSubsequence(
            "POST /api/v1/database/", "GET /api/v1/security/csrf_token/", "POST /api/v1/database/");
  }

  @Test
  void aCsrfTokenSupersetNeverAcceptsFailsClearlyOnAJsonWrite() {
    superset.fake().rejectCsrfAlways();
    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(() -> client.createDatabase(goals()))
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILURE);
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage())
                    .contains("CSRF", "POST /api/v1/database/", "The CSRF tokens do not match.");
              });
    }
    assertThat(superset.fake().databases()).isEmpty();
  }

  @Test
  void aMultipartImportRedirectedToLoginIsACsrfSessionErrorNeverSuccess() {
    superset.fake().rejectCookiesAlways();
    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(() -> client.importAssets(bundle(), Map.of()))
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(302);
                assertThat(e.getMessage())
                    .contains("redirected", "/login/", "CSRF token or the session cookie")
                    .contains("not applied");
              });
    }
    assertThat(superset.fake().importedFiles()).isEmpty();
    assertThat(superset.calls())
        .containsSubsequence(
            "POST /api/v1/assets/import/",
            "GET /api/v1/security/csrf_token/",
            "POST /api/v1/assets/import/")
        .doesNotContain("GET /login/");
  }

  @Test
  void assetsImportSendsTheBundleAndPasswordsKeyedByTheDatabaseFile() {
    try (SupersetClient client = superset.client()) {
      client.importAssets(bundle(), Map.of("databases/goals.yaml", "db-Secret"));
    }
    assertThat(superset.fake().importedFiles())
        .containsExactly("metadata.yaml", "databases/goals.yaml");
    FakeSuperset.Db db = superset.fake().databases().get(0);
    assertThat(db.password).isEqualTo("db-Secret");
    assertThat(db.uuid).isEqualTo(UUID.fromString("a2dc77af-e654-49bb-b321-40f6b559a1ee"));
    LoggedRequest post =
        superset.requests().stream()
            .filter(r -> r.getUrl().equals("/api/v1/assets/import/"))
            .findFirst()
            .orElseThrow();
    assertThat(post.getHeader("Content-Type")).startsWith("multipart/form-data");
    assertThat(post.getPart("bundle").getFileName()).isEqualTo("bundle.zip");
  }

  @Test
  void aFailedImportIsNotRetriedAndNamesTheLikelyCause() {
    byte[] withoutExtra = bundle(false);
    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(() -> client.importAssets(withoutExtra, Map.of()))
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.supersetMessage()).isEqualTo("Import failed for an unknown reason");
                assertThat(e.getMessage())
                    .contains("could not import the bundle", "not sent again")
                    .contains("allow_csv_upload, extra")
                    .contains("another UUID");
              });
    }
    assertThat(superset.calls())
        .filteredOn(c -> c.equals("POST /api/v1/assets/import/"))
        .hasSize(1);
    assertThat(superset.fake().databases()).isEmpty();
  }

  @Test
  void rolesAreCreatedWithANameOnly() {
    try (SupersetClient client = superset.client()) {
      int id = client.createRole("Målopfyldelse FBU");
      assertThat(client.listRoles()).contains(new Role(id, "Målopfyldelse FBU"));
      assertThatThrownBy(() -> client.createRole("Målopfyldelse FBU"))
          .isInstanceOfSatisfying(
              SupersetApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }
  }

  @Test
  void listsPageThroughMoreThanOneHundredItemsUntilTheCountIsRead() {
    for (int i = 0; i < 250; i++) {
      superset.fake().addRole("Enhed " + i);
    }
    try (SupersetClient client = superset.client()) {
      assertThat(client.listRoles()).hasSize(250).extracting(Role::name).doesNotHaveDuplicates();
    }
    List<Object> pages = new ArrayList<>();
    for (LoggedRequest r : superset.requests()) {
      if (r.getUrl().startsWith("/api/v1/security/roles/")) {
        Map<?, ?> q = (Map<?, ?>) RisonParser.parse(query(r, "q"));
        assertThat(q.get("page_size").toString()).isEqualTo("100");
        pages.add(q.get("page").toString());
      }
    }
    assertThat(pages).containsExactly("0", "1", "2");
  }

  @Test
  void findDatasetFiltersByTableSchemaAndDatabaseInRison() {
    FakeSuperset.Db db =
        superset.fake().addDatabase("goals", "duckdb:////x", UUID.randomUUID(), true);
    FakeSuperset.Db other =
        superset.fake().addDatabase("other", "duckdb:////y", UUID.randomUUID(), true);
    superset.fake().addDataset(other, "mart", "attainment", UUID.randomUUID(), true);
    FakeSuperset.Ds mine =
        superset.fake().addDataset(db, "mart", "attainment", UUID.randomUUID(), true);
    superset.fake().addDataset(db, "staging", "attainment", UUID.randomUUID(), true);

    try (SupersetClient client = superset.client()) {
      assertThat(client.findDataset("attainment", "mart", db.id))
          .map(DatasetSummary::id)
          .contains(mine.id);
      assertThat(client.findDataset("attainment", "nope", db.id)).isEmpty();
    }
    LoggedRequest list =
        superset.requests().stream()
            .filter(r -> r.getUrl().startsWith("/api/v1/dataset/"))
            .findFirst()
            .orElseThrow();
    assertThat(query(list, "q"))
        .isEqualTo(
            "(filters:!((col:table_name,opr:eq,value:attainment),(col:database,opr:rel_o_m,value:"
                + db.id
                + "),(col:schema,opr:eq,value:mart)),page:0,page_size:100)");
  }

  @Test
  void aDatasetUpdateReplacesTheMetricListAndExistingMetricsKeepTheirIds() {
    FakeSuperset.Db db =
        superset.fake().addDatabase("goals", "duckdb:////x", UUID.randomUUID(), true);
    FakeSuperset.Ds ds =
        superset.fake().addDataset(db, "mart", "attainment", UUID.randomUUID(), true);
    FakeSuperset.Met count = superset.fake().addMetric(ds, "count", "COUNT(*)", null);
    superset.fake().addMetric(ds, "old", "SUM(x)", null);
    UUID rateUuid = UUID.randomUUID();

    try (SupersetClient client = superset.client()) {
      SupersetDataset before = client.getDataset(ds.id);
      SupersetMetric keep = before.metrics().get(0);
      client.updateDataset(
          ds.id,
          new DatasetUpdate(
              null,
              null,
              null,
              null,
              List.of(
                  MetricPut.keep(keep),
                  new MetricPut(
                      null,
                      "rate",
                      "AVG(attained)",
                      "Målopfyldelse",
                      null,
                      ".1%",
                      null,
                      null,
                      rateUuid))));
      SupersetDataset after = client.getDataset(ds.id);
      assertThat(after.metrics())
          .extracting(SupersetMetric::metricName)
          .containsExactly("count", "rate");
      assertThat(after.metrics().get(0).id()).isEqualTo(count.id);
      assertThat(after.metrics().get(1).uuid()).isEqualTo(rateUuid);
      assertThat(after.metrics().get(1).verboseName()).isEqualTo("Målopfyldelse");
    }
  }

  @Test
  void addingAMetricWhoseNameExistsGets422OneOrMoreMetricsAlreadyExist() {
    FakeSuperset.Db db =
        superset.fake().addDatabase("goals", "duckdb:////x", UUID.randomUUID(), true);
    FakeSuperset.Ds ds =
        superset.fake().addDataset(db, "mart", "attainment", UUID.randomUUID(), true);
    superset.fake().addMetric(ds, "count", "COUNT(*)", null);
    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(
              () ->
                  client.updateDataset(
                      ds.id,
                      new DatasetUpdate(
                          null,
                          null,
                          null,
                          null,
                          List.of(
                              new MetricPut(
                                  null, "count", "COUNT(*)", null, null, null, null, null, null)))))
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(422);
                assertThat(e.supersetMessage())
                    .isEqualTo("metrics: One or more metrics already exist");
              });
    }
    assertThat(superset.assetWrites()).hasSize(1);
  }

  @Test
  void aMissingRolesApiSaysHowToEnableIt() {
    superset.fake().disableRolesApi();
    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(client::listRoles)
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.getMessage()).contains("FAB_ADD_SECURITY_API = True");
              });
    }
  }

  @Test
  void rlsRulesAreCreatedListedUpdatedAndDeleted() {
    FakeSuperset.Db db =
        superset.fake().addDatabase("goals", "duckdb:////x", UUID.randomUUID(), true);
    FakeSuperset.Ds ds =
        superset.fake().addDataset(db, "mart", "attainment", UUID.randomUUID(), true);
    int role = superset.fake().addRole("Enhed FBU");
    try (SupersetClient client = superset.client()) {
      int id =
          client.createRlsRule(
              new RlsRuleRequest(
                  "goal-attainment: FBU",
                  FilterType.REGULAR,
                  List.of(ds.id),
                  List.of(role),
                  "unit_id IN ('FBU')",
                  "org",
                  null));
      RlsRule listed = client.listRlsRules().get(0);
      assertThat(listed.id()).isEqualTo(id);
      assertThat(listed.tables()).containsExactly(new RlsTable(ds.id, "mart", "attainment"));
      assertThat(listed.roles()).containsExactly(new Role(role, "Enhed FBU"));
      assertThat(listed.filterType()).isEqualTo(FilterType.REGULAR);

      client.updateRlsRule(
          id,
          new RlsRuleRequest(
              "goal-attainment: FBU",
              FilterType.BASE,
              List.of(ds.id),
              List.of(role),
              "1 = 0",
              null,
              "Alt andet"));
      assertThat(client.listRlsRules().get(0).clause()).isEqualTo("1 = 0");

      client.deleteRlsRule(id);
      assertThat(client.listRlsRules()).isEmpty();
    }
  }

  @Test
  void aDatasetOnAMissingTableFailsWithSupersetsMessage() {
    FakeSuperset.Db db =
        superset.fake().addDatabase("goals", "duckdb:////x", UUID.randomUUID(), true);
    superset.fake().addPhysicalTable("mart", "attainment", Map.of("unit_id", "VARCHAR"));
    try (SupersetClient client = superset.client()) {
      int id = client.createDataset(new DatasetCreate(db.id, "mart", "attainment", true, null));
      SupersetDataset created = client.getDataset(id);
      assertThat(created.columns())
          .extracting(SupersetColumn::columnName)
          .containsExactly("unit_id");
      assertThat(created.metrics()).extracting(SupersetMetric::metricName).containsExactly("count");
      assertThat(created.externalUrl()).isEmpty();
      assertThatThrownBy(
              () -> client.createDataset(new DatasetCreate(db.id, "mart", "nowhere", true, null)))
          .hasMessageContaining("Table [nowhere] could not be found");
    }
  }

  private static String query(LoggedRequest r, String name) {
    String raw = URI.create(r.getUrl()).getRawQuery();
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name)) {
        return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + r.getUrl());
  }

  private static byte[] bundle() {
    return bundle(true);
  }

  /** A bundle with one database; without {@code extra} when {@code complete} is false. */
  private static byte[] bundle(boolean complete) {
    return TestBundles.oneDatabase(complete);
  }
}
