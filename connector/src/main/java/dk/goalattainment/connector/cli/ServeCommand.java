package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.demo.DemoData;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
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
          + " /swagger/goal-attainment-connector-1.yml and a browsable UI at /swagger-ui/index.html, /health (with /health/liveness and /health/readiness) and /prometheus.",
      "It serves an existing store (`connector init` creates one) and prints which. With --demo"
          + " it creates the store if needed, loads the demo data into an empty one, refreshes the"
          + " datasets and prints the fact sheet, and, when CONNECTOR_API_TOKEN is not set, makes"
          + " a token for this session."
    })
public class ServeCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "N",
      description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (default: micronaut.server.host / MICRONAUT_SERVER_HOST if set;"
              + " else 127.0.0.1 with --demo and every interface without).")
  String host;

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

  @Inject Environment environment;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String sheetOrg = null;
    if (demo) {
      sheetOrg = prepareDemo(out, err);
    } else {
      // fails with the option's name when there is no store (the server never creates one)
      stores.get().open(db.path()).close();
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.port", port);
    db.path()
        .ifPresent(
            file -> {
              // --db is a DuckDB file, whatever the configured kind
              properties.put("connector.store.kind", "duckdb");
              properties.put("connector.store.duckdb-path", file.toString());
            });
    String listen =
        bindAddress(
            host,
            environment.getProperty("micronaut.server.host", String.class).orElse(null),
            demo);
    if (listen != null) {
      properties.put("micronaut.server.host", listen);
    }
    String token = System.getenv("CONNECTOR_API_TOKEN");
    if (demo && (token == null || token.isBlank())) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      token = HexFormat.of().formatHex(random);
      properties.put("connector.api.token", token);
      out.println(
          "Demo API token for this session (every scope: full figures, citizen-grain rows,"
              + " ingest, refresh): "
              + token);
    }
    ApplicationContext server =
        ApplicationContext.builder().environments("server").properties(properties).start();
    String store;
    EmbeddedServer http;
    try {
      // Opens the existing store (never creates one) and looks up the pseudonym key, so that a
      // missing store or key fails here, before the port opens, and the demo-key warning shows now.
      ConnectorRuntime runtime = server.getBean(ConnectorRuntime.class);
      runtime.requirePseudonymKey();
      store = runtime.store().dialect().describe();
      http = server.getBean(EmbeddedServer.class).start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    printWhereItServes(out, store, listen, http.getPort(), sheetOrg);
    out.println("Stop with Ctrl-C.");
    out.flush();
    stopped.await();
    return 0;
  }

  /** The store and the URLs the service answers on. */
  private static void printWhereItServes(
      PrintWriter out, String store, String listen, int port, String sheetOrg) {
    boolean everywhere = listen == null || "0.0.0.0".equals(listen) || "::".equals(listen);
    String shownHost =
        everywhere ? "localhost" : listen.contains(":") ? "[" + listen + "]" : listen;
    String base = "http://" + shownHost + ":" + port;
    out.println(
        "Serving "
            + store
            + " on "
            + base
            + (everywhere
                ? " (listening on every network interface; --host 127.0.0.1 keeps it local)"
                : ""));
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
    out.println(
        "  Health:  "
            + base
            + "/health (liveness: /health/liveness, readiness: /health/readiness)   Metrics: "
            + base
            + "/prometheus");
  }

  /**
   * The address to listen on: {@code --host}, else {@code micronaut.server.host}, else {@code
   * 127.0.0.1} for the demo (its data and session token stay on this machine); null means every
   * interface.
   */
  static String bindAddress(String option, String configured, boolean demo) {
    if (option != null && !option.isBlank()) {
      return option.strip();
    }
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    return demo ? "127.0.0.1" : null;
  }

  /** The year the demo's fact sheet shows. */
  private static final int DEMO_YEAR = 2021;

  /**
   * {@code --demo}: creates the store if needed, loads the demo data into an empty one, refreshes
   * stale datasets and prints the fact sheet — with the same progress as {@code connector demo}.
   * Returns the node the fact sheet is about.
   */
  private String prepareDemo(PrintWriter out, PrintWriter err) {
    try (ConnectorRuntime runtime = stores.get().create(db.path())) {
      if (runtime.store().tableCounts().getOrDefault("goal", 0L) == 0) {
        out.printf("Empty store: loading the demo data (%,d citizens)…%n", demoCitizens);
        out.flush();
        DemoCommand.load(runtime, demoCitizens, DemoData.DEFAULT_SEED, out, err);
      }
      if (!runtime.store().datasetsFresh()) {
        out.println("Refreshing the standard datasets…");
        out.flush();
        RefreshCommand.refresh(runtime, out, err);
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
