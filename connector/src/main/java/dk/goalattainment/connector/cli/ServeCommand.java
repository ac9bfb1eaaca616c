package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.demo.DemoData;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector serve}: the REST service. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the connector service: REST API under /api/v1, its OpenAPI document under"
          + " /swagger/goal-attainment-connector-1.yml and a browsable UI at /swagger-ui/index.html, /health and /prometheus.",
      "With --demo and an empty store it first loads the demo data, refreshes the datasets and"
          + " prints the fact sheet, and, when CONNECTOR_API_TOKEN is not set, makes a token for"
          + " this session."
    })
public class ServeCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "N",
      description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--demo", description = "Load the demo data first if the store is empty.")
  boolean demo;

  @Option(
      names = "--demo-citizens",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Citizens in the demo data (default: ${DEFAULT-VALUE}).")
  long demoCitizens;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Path database = db.path().orElse(stores.get().defaultDatabase());
    String sheetOrg = demo ? prepareDemo(out, database) : null;
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.port", port);
    properties.put("connector.store.duckdb-path", database.toString());
    String token = System.getenv("CONNECTOR_API_TOKEN");
    if (demo && (token == null || token.isBlank())) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      token = HexFormat.of().formatHex(random);
      properties.put("connector.api.token", token);
      out.println("Demo API token for this session (writes, citizen-grain rows): " + token);
    }
    ApplicationContext server =
        ApplicationContext.builder().environments("server").properties(properties).start();
    EmbeddedServer http = server.getBean(EmbeddedServer.class).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    String base = "http://localhost:" + http.getPort();
    out.println("Serving " + database + " on " + base);
    out.println("  API:     " + base + "/api/v1/datasets   " + base + "/api/v1/attainment");
    out.println(
        "  OpenAPI: "
            + base
            + "/swagger/goal-attainment-connector-1.yml   UI: "
            + base
            + "/swagger-ui/index.html");
    out.println(
        "  Faktablad: "
            + base
            + "/api/v1/factsheet?period="
            + (sheetOrg == null ? "P&org=UNIT" : DEMO_YEAR + "&org=" + sheetOrg)
            + "   (HTML; PDF: &format=pdf; without a token the public sheet)");
    out.println("  Health:  " + base + "/health   Metrics: " + base + "/prometheus");
    out.println("Stop with Ctrl-C.");
    out.flush();
    stopped.await();
    return 0;
  }

  /** The year the demo's fact sheet shows. */
  private static final int DEMO_YEAR = 2021;

  /** Loads the demo data if needed, prints its fact sheet and returns the node it is about. */
  private String prepareDemo(PrintWriter out, Path database) {
    try (ConnectorRuntime runtime = stores.get().open(Optional.of(database))) {
      if (runtime.store().tableCounts().getOrDefault("goal", 0L) == 0) {
        out.printf("Empty store: loading the demo data (%,d citizens)…%n", demoCitizens);
        out.flush();
        DemoData data = new DemoData(runtime.catalogue(), demoCitizens, DemoData.DEFAULT_SEED);
        try (Progress progress = new Progress("demo", data.estimatedRecords())) {
          runtime.ingest().ingest(data.batch(), progress);
        }
      }
      if (!runtime.store().datasetsFresh()) {
        out.println("Refreshing the standard datasets…");
        out.flush();
        runtime.refresh(step -> {});
      }
      // The demo's department; a store with other data shows its first root.
      String org =
          runtime.store().orgUnit("SOC").isPresent()
              ? "SOC"
              : runtime.store().orgUnits().stream()
                  .filter(u -> u.parentId() == null)
                  .map(u -> u.unitId())
                  .findFirst()
                  .orElse(null);
      if (org != null) {
        out.println();
        out.print(FactSheet.render(runtime.reports(), org, Via.AUTHORITY, Period.year(DEMO_YEAR)));
        out.println();
      }
      return org;
    }
  }
}
