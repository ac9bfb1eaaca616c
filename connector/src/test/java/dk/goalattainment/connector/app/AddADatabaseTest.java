package dk.goalattainment.connector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.store.SqlDialects;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/ARCHITECTURE.md's recipe "add a database" held true: {@code store/testdb} (test code) is a
 * dialect package with a provider and its own settings, named on one line of the test class path's
 * {@code META-INF/services} file, and nothing else; the application's factory opens it by its kind.
 */
class AddADatabaseTest {
  @TempDir Path dir;

  private Map<String, Object> testdb(String kind) {
    Map<String, Object> config = new HashMap<>();
    config.put("connector.store.kind", kind);
    config.put("connector.store.testdb.file", dir.resolve("store.testdb").toString());
    config.put("connector.pseudonym.key", TestStore.KEY);
    return config;
  }

  @Test
  void aDialectPackageAndAServicesLineMakeAStoreTheFactoryOpens() {
    try (ApplicationContext context = ApplicationContext.run(testdb("testdb"))) {
      StoreOpener opener = context.getBean(StoreOpener.class);
      assertThatThrownBy(() -> opener.open(Optional.empty()))
          .isInstanceOf(ConnectorException.class)
          .extracting(e -> ((ConnectorException) e).code())
          .isEqualTo(ErrorCode.STORE_NOT_FOUND);

      try (ConnectorRuntime created = opener.create(Optional.empty())) {
        created.ingest().ingest(WorkedExample.batch());
      }
      try (ConnectorRuntime runtime = opener.open(Optional.empty())) {
        assertThat(runtime.store().dialect().name()).isEqualTo("testdb");
        assertThat(runtime.store().dialect().provider().defaultSchema()).isEqualTo("main");
        assertThat(runtime.store().tableCounts()).containsEntry("goal", 5L);
      }
      assertThat(opener.supersetDatabaseUri(Optional.empty()))
          .isEqualTo("testdb:///" + dir.resolve("store.testdb"));
    }
  }

  @Test
  void theKindIsCheckedAgainstTheProvidersFoundNotAList() {
    try (ApplicationContext context = ApplicationContext.run(testdb(" TestDB "))) {
      try (ConnectorRuntime runtime = context.getBean(StoreOpener.class).create(Optional.empty())) {
        assertThat(runtime.store().dialect().name()).isEqualTo("testdb");
      }
    }
    try (ApplicationContext context = ApplicationContext.run(testdb("mysql"))) {
      assertThatThrownBy(() -> context.getBean(StoreOpener.class).open(Optional.empty()))
          .isInstanceOf(ConnectorException.class)
          .hasMessage("connector.store.kind must be duckdb, postgres or testdb (got 'mysql')")
          .extracting(e -> ((ConnectorException) e).code())
          .isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    }
  }

  @Test
  void dbStillNamesAFileOfTheEmbeddedDatabaseWhateverTheKind() throws Exception {
    Path file = dir.resolve("other.duckdb");
    try (ApplicationContext context = ApplicationContext.run(testdb("testdb"));
        ConnectorRuntime runtime = context.getBean(StoreOpener.class).create(Optional.of(file))) {
      assertThat(runtime.store().dialect().name()).isEqualTo("duckdb");
      assertThat(runtime.store().dialect().embeddedFile()).contains(file);
    }
    assertThat(SqlDialects.fileStores().kind().code()).isEqualTo("duckdb");
  }
}
