package dk.goalattainment.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.management.health.monitor.HealthMonitorTask;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command line's own context does not monitor health: `serve --db FILE` serves FILE from a
 * second context, and a monitor in the first one probed the configured default store instead,
 * logging "No store at ./data/connector.duckdb" every 30 s while the server was healthy.
 */
class CliContextTest {
  private static final Map<String, Object> SOME_STORE =
      Map.of("connector.store.duckdb-path", "/nonexistent/connector.duckdb");

  @Test
  void theCommandLinesContextHasNoHealthMonitor() {
    try (ApplicationContext cli =
        ApplicationContext.builder().environments("cli").properties(SOME_STORE).start()) {
      assertThat(cli.containsBean(HealthMonitorTask.class)).isFalse();
    }
  }

  @Test
  void theServersContextKeepsIt() {
    try (ApplicationContext server =
        ApplicationContext.builder().environments("server").properties(SOME_STORE).start()) {
      assertThat(server.containsBean(HealthMonitorTask.class)).isTrue();
    }
  }
}
