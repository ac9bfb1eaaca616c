package dk.goalattainment.connector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.EmbeddedPostgresServer;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.store.postgres.PostgresDialect;
import dk.goalattainment.connector.store.postgres.PostgresProperties;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code connector.store.kind} chooses the store; PostgreSQL takes its settings from config. */
class StoreOpenerTest {
  private static Map<String, Object> postgres(String url) {
    Map<String, Object> config = new HashMap<>();
    config.put("connector.store.kind", "postgres");
    config.put("connector.store.postgres.url", url);
    config.put("connector.store.postgres.user", EmbeddedPostgresServer.USER);
    config.put("connector.store.postgres.password", "not-needed-with-trust");
    return config;
  }

  @Test
  void opensPostgresWhenTheKindSaysSo() {
    Map<String, Object> config =
        postgres(EmbeddedPostgresServer.createDatabase(StoreOpenerTest.class));
    config.put("connector.pseudonym.key", TestStore.KEY);
    try (ApplicationContext context = ApplicationContext.run(config);
        ConnectorRuntime runtime = context.getBean(StoreOpener.class).create(Optional.empty())) {
      runtime.ingest().ingest(WorkedExample.batch());

      assertThat(runtime.store().dialect().name()).isEqualTo("postgres");
      assertThat(runtime.store().tableCounts()).containsEntry("goal", 5L);
      assertThat(context.getBean(PostgresProperties.class).toString())
          .contains("password=hidden")
          .doesNotContain("not-needed-with-trust");
    }
  }

  @Test
  void computesAFullRefreshInDuckDbUnlessToldToUsePostgresOwnSql() {
    Map<String, Object> config =
        postgres(EmbeddedPostgresServer.createDatabase(StoreOpenerTest.class));
    try (ApplicationContext context = ApplicationContext.run(config);
        ConnectorRuntime runtime = context.getBean(StoreOpener.class).create(Optional.empty())) {
      assertThat(((PostgresDialect) runtime.store().dialect()).refreshEngine())
          .isEqualTo(PostgresDialect.RefreshEngine.DUCKDB);
      assertThat(runtime.store().dialect().fullRefreshRoute()).isPresent();
    }
    config.put("connector.store.postgres.refresh-engine", "postgres");
    try (ApplicationContext context = ApplicationContext.run(config);
        ConnectorRuntime runtime = context.getBean(StoreOpener.class).create(Optional.empty())) {
      assertThat(((PostgresDialect) runtime.store().dialect()).refreshEngine())
          .isEqualTo(PostgresDialect.RefreshEngine.POSTGRES);
      assertThat(runtime.store().dialect().fullRefreshRoute()).isEmpty();
      assertThat(context.getBean(PostgresProperties.class).toString())
          .contains("refreshEngine=POSTGRES");
    }
  }

  @Test
  void readsPostgresWithoutAKeyButRefusesToIngestWithoutOne() {
    Map<String, Object> config =
        postgres(EmbeddedPostgresServer.createDatabase(StoreOpenerTest.class));
    try (ApplicationContext context = ApplicationContext.run(config);
        ConnectorRuntime runtime = context.getBean(StoreOpener.class).create(Optional.empty())) {
      assertThat(runtime.store().orgUnits()).isEmpty();

      assertThatThrownBy(runtime::ingest)
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("CONNECTOR_PSEUDONYM_KEY")
          .extracting(e -> ((ConnectorException) e).code())
          .isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    }
  }

  @Test
  void refusesAPostgresDatabaseWithoutTheConnectorsTablesUnlessCreating() {
    Map<String, Object> config =
        postgres(EmbeddedPostgresServer.createDatabase(StoreOpenerTest.class));
    try (ApplicationContext context = ApplicationContext.run(config)) {
      StoreOpener opener = context.getBean(StoreOpener.class);

      assertThatThrownBy(() -> opener.open(Optional.empty()))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("has no connector tables")
          .hasMessageContaining("connector init")
          .extracting(e -> ((ConnectorException) e).code())
          .isEqualTo(ErrorCode.STORE_NOT_FOUND);
      opener.create(Optional.empty()).close();
      try (ConnectorRuntime reopened = opener.open(Optional.empty())) {
        assertThat(reopened.store().tableCounts()).containsEntry("goal", 0L);
      }
    }
  }

  @Test
  void acceptsALibpqUrlTakingTheRoleFromIt() {
    String jdbc = EmbeddedPostgresServer.createDatabase(StoreOpenerTest.class);
    // jdbc:postgresql://localhost:PORT/DB?user=postgres → postgresql://postgres@localhost:PORT/DB
    String libpq =
        jdbc.replaceFirst("^jdbc:postgresql://", "postgresql://postgres:pw@")
            .replaceFirst("\\?.*$", "");
    Map<String, Object> config = new HashMap<>();
    config.put("connector.store.kind", "postgres");
    config.put("connector.store.postgres.url", libpq);
    config.put("connector.pseudonym.key", TestStore.KEY);
    try (ApplicationContext context = ApplicationContext.run(config);
        ConnectorRuntime runtime = context.getBean(StoreOpener.class).create(Optional.empty())) {
      assertThat(runtime.store().dialect().describe())
          .startsWith("PostgreSQL jdbc:postgresql://localhost:")
          .doesNotContain("pw");
      assertThat(context.getBean(PostgresProperties.class).toString()).doesNotContain("pw");
      runtime.ingest().ingest(WorkedExample.batch());
      assertThat(runtime.store().tableCounts()).containsEntry("goal", 5L);
    }
  }

  @Test
  void refusesPostgresWithoutAUrl() {
    Map<String, Object> config = new HashMap<>();
    config.put("connector.store.kind", "postgres");
    config.put("connector.pseudonym.key", TestStore.KEY);
    try (ApplicationContext context = ApplicationContext.run(config)) {
      StoreOpener opener = context.getBean(StoreOpener.class);

      assertThatThrownBy(() -> opener.open(Optional.empty()))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("CONNECTOR_STORE_POSTGRES_URL");
    }
  }

  @Test
  void rejectsAUrlThatIsNotPostgresWithAClearMessageNotAStackDump() {
    try (ApplicationContext context =
        ApplicationContext.run(postgres("jdbc:mysql://root:secret@localhost/connector"))) {
      StoreOpener opener = context.getBean(StoreOpener.class);

      assertThatThrownBy(() -> opener.open(Optional.empty()))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("must be a PostgreSQL URL")
          .hasMessageContaining("postgresql://[user[:password]@]host[:port]/database")
          .hasMessageNotContaining("secret")
          .extracting(e -> ((ConnectorException) e).code())
          .isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    }
  }

  @Test
  void namesTheServerButNotThePasswordWhenItCannotConnect() {
    Map<String, Object> config =
        postgres("jdbc:postgresql://localhost:1/connector?password=secret-in-url");
    config.put("connector.pseudonym.key", TestStore.KEY);
    try (ApplicationContext context = ApplicationContext.run(config)) {
      StoreOpener opener = context.getBean(StoreOpener.class);

      assertThatThrownBy(() -> opener.open(Optional.empty()))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("PostgreSQL jdbc:postgresql://localhost:1/connector")
          .hasMessageNotContaining("secret-in-url")
          .extracting(e -> ((ConnectorException) e).code())
          .isEqualTo(ErrorCode.STORE_FAILURE);
    }
  }
}
