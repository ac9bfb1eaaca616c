package dk.goalattainment.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.EmbeddedPostgresServer;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.rest.ContractHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on PostgreSQL: configuration errors are clear, every command reports the store
 * it uses, and {@code serve} says it serves PostgreSQL (a real process on the test classpath).
 */
class PostgresCliTest {
  @TempDir Path dir;

  static CliRun withConfig(Map<String, String> config, String... args) {
    config.forEach(System::setProperty);
    try {
      return CliRun.of(args);
    } finally {
      config.keySet().forEach(System::clearProperty);
    }
  }

  @Test
  void aConfigurationValueOutOfRangeIsAClearErrorNotAStackDump() {
    CliRun run =
        withConfig(
            Map.of(
                "connector.store.kind", "postgres",
                "connector.store.postgres.max-pool-size", "0"),
            "report",
            "--period",
            "2021",
            "--org",
            "SOC");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .isEqualTo(
            "error: invalid configuration: connector.store.postgres.max-pool-size must be greater"
                + " than or equal to 1\n");
  }

  @Test
  void aUrlThatIsNotPostgresIsRefusedWithoutRepeatingIt() {
    CliRun run =
        withConfig(
            Map.of(
                "connector.store.kind", "postgres",
                "connector.store.postgres.url", "mysql://root:hunter2@db/goals"),
            "refresh");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .contains("must be a PostgreSQL URL")
        .contains("this one starts with 'mysql:'")
        .doesNotContain("hunter2")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnreachableServerIsNamedWithoutItsPassword() {
    CliRun run =
        withConfig(
            Map.of(
                "connector.store.kind", "postgres",
                "connector.store.postgres.url", "postgresql://goals:hunter2@localhost:1/goals"),
            "units");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err())
        .contains("Cannot connect to PostgreSQL jdbc:postgresql://localhost:1/goals")
        .doesNotContain("hunter2");
  }

  @Test
  void initCreatesTheTablesAndEveryCommandReportsThePostgresStore() {
    String url = EmbeddedPostgresServer.createDatabase(PostgresCliTest.class);
    Map<String, String> config =
        Map.of(
            "connector.store.kind",
            "postgres",
            "connector.store.postgres.url",
            url,
            "connector.pseudonym.key",
            TestStore.KEY);
    String described = "PostgreSQL " + url.replaceFirst("\\?.*$", "");

    CliRun before = withConfig(config, "units");
    CliRun init = withConfig(config, "init");
    CliRun demo = withConfig(config, "demo", "--citizens", "30", "--no-fact-sheet", "--no-refresh");

    assertThat(before.exitCode()).isEqualTo(3);
    assertThat(before.err()).contains("has no connector tables").contains("connector init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out())
        .contains("Created the store " + described)
        .contains("Pseudonym key: CONNECTOR_PSEUDONYM_KEY (configured).");
    assertThat(demo.out()).contains("ingested into " + described);
    assertThat(init.out() + demo.out()).doesNotContainIgnoringCase("duckdb");
  }

  @Test
  void servePrintsThatItServesPostgresAndIsReady() throws Exception {
    String url = EmbeddedPostgresServer.createDatabase(PostgresCliTest.class);
    new TestStore(
            new dk.goalattainment.connector.store.postgres.PostgresDialect(
                url, EmbeddedPostgresServer.USER, null, 1))
        .close();
    try (ServeProcess serve =
        new ServeProcess(
            dir,
            Map.of(
                "CONNECTOR_STORE_KIND",
                "postgres",
                "CONNECTOR_STORE_POSTGRES_URL",
                url,
                "CONNECTOR_PSEUDONYM_KEY",
                TestStore.KEY))) {
      assertThat(serve.lines)
          .as(serve.output())
          .anyMatch(
              l ->
                  l.startsWith(
                      "Serving PostgreSQL "
                          + url.replaceFirst("\\?.*$", "")
                          + " on http://localhost:"
                          + serve.port))
          .noneMatch(l -> l.contains("connector.duckdb"));
      HttpResponse<String> ready =
          new ContractHttp()
              .send(
                  HttpRequest.newBuilder(URI.create(serve.base() + "/health/readiness"))
                      .timeout(Duration.ofSeconds(10))
                      .build());
      assertThat(ready.statusCode()).isEqualTo(200);
    }
    assertThat(dir.resolve("data")).as("no DuckDB store made on the side").doesNotExist();
  }
}
