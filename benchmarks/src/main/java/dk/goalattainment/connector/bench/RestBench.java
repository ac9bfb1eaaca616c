package dk.goalattainment.connector.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Part 4 of the harness: {@code connector serve} as a child process on the benchmark store, its
 * start-up time, then REST latency one request at a time and under a fixed request rate (measured
 * from each request's scheduled send time), and the server's peak resident memory.
 */
final class RestBench {
  /** The API token the server gets and the requests send (full figures). */
  private static final String API_TOKEN = "benchmark-api-token-0123456789";

  private final Path subjectDb;
  private final Path work;
  private final Path connectorJar;
  private final String pseudonymKey;
  private final int requests;
  private final int rate;
  private final StringBuilder md;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  RestBench(
      Path subjectDb,
      Path work,
      Path connectorJar,
      String pseudonymKey,
      int requests,
      int rate,
      StringBuilder md) {
    this.subjectDb = subjectDb;
    this.work = work;
    this.connectorJar = connectorJar;
    this.pseudonymKey = pseudonymKey;
    this.requests = requests;
    this.rate = rate;
    this.md = md;
  }

  void run() throws Exception {
    System.err.println("== rest");
    md.append("### 4. REST `GET /api/v1/attainment` under a fixed request rate\n\n");
    int port;
    try (ServerSocket ss = new ServerSocket(0)) {
      port = ss.getLocalPort();
    }
    List<String> cmd = command(port);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("CONNECTOR_PSEUDONYM_KEY", pseudonymKey);
    pb.environment().put("CONNECTOR_API_TOKEN", API_TOKEN);
    pb.environment().put("CONNECTOR_LOG_LEVEL", "WARN");
    Path serverLog = work.resolve("serve.log");
    pb.redirectOutput(serverLog.toFile());
    String base = "http://127.0.0.1:" + port;
    String l0 = Benchmarks.load();
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      double startup = awaitFirstAnswer(p, base, t0, serverLog);
      md.append(
          ("Server: `%s` (default JVM flags). Start-up, process start to first HTTP 200 on"
                  + " `/api/v1/attainment?period=2021&org=SOC`: **%.2f s** (load %s).%n%n")
              .formatted(
                  String.join(" ", cmd)
                      .replace(System.getProperty("java.class.path"), "<class path>"),
                  startup,
                  l0));
      measure(base);
      long hwm = vmHwm(p.pid());
      md.append(
          "Peak RSS of the server (VmHWM from /proc/%d/status, after all requests): **%,d MiB**.%n%n"
              .formatted(p.pid(), hwm / 1024));
    } finally {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** {@code connector serve} from the shaded jar, or from the harness's own class path. */
  private List<String> command(int port) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> launch =
        connectorJar != null
            ? List.of(java, "-jar", connectorJar.toString())
            : List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dk.goalattainment.connector.cli.ConnectorCli");
    List<String> cmd = new ArrayList<>(launch);
    cmd.addAll(List.of("serve", "--db", subjectDb.toString(), "--port", Integer.toString(port)));
    return cmd;
  }

  /** Seconds from process start to the first 200; fails after 120 s or when the server dies. */
  private double awaitFirstAnswer(Process p, String base, long t0, Path serverLog)
      throws InterruptedException {
    URI first = URI.create(base + "/api/v1/attainment?period=2021&org=SOC");
    while (Benchmarks.secs(t0) < 120 && p.isAlive()) {
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(first)
                    .header("Authorization", "Bearer " + API_TOKEN)
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return Benchmarks.secs(t0);
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "connector serve did not answer 200 within 120 s; see " + serverLog);
  }

  /** The request mix one at a time, then a warm-up and the measured phase at the fixed rate. */
  private void measure(String base) throws Exception {
    List<URI> mix = queryMix(base);
    md.append(
        ("Request mix: %d distinct query strings cycled in a fixed shuffled order (periods 2019,"
                + " 2020, 2021, quarters and rolling windows of 2020–2021; org SOC, the areas and"
                + " leaf units; via authority/provider; by none, effect_goal, life_theme,"
                + " goal_type, target_group, org_child; some with filters). All are covered by"
                + " the refreshed cube (`by=age_band` is not, and falls back to live SQL: left"
                + " out).%n%n")
            .formatted(mix.size()));
    md.append(
        "| phase | requests | rate /s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |"
            + " load avg |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    sequential(client, mix, 300);
    load(client, mix, Math.max(1000, requests / 10), rate, "warm-up");
    String before = Benchmarks.load();
    double[] res = load(client, mix, requests, rate, "measured");
    md.append(
        ("%nLatency is measured from each request's scheduled send time (no coordinated"
                + " omission); the generator runs on the same two cores as the server. p99 at"
                + " %d req/s: **%.2f ms** (target ≤ 10 ms: %s). Load before the measured phase"
                + " %s.%n%n")
            .formatted(rate, res[2], res[2] <= 10 ? "met" : "missed", before));
  }

  /** One request at a time: the service time without queueing. */
  private void sequential(HttpClient client, List<URI> mix, int n) throws Exception {
    String l0 = Benchmarks.load();
    long[] lat = new long[n];
    int errors = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      HttpResponse<byte[]> r =
          client.send(
              HttpRequest.newBuilder(mix.get(i % mix.size()))
                  .header("Authorization", "Bearer " + API_TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      lat[i] = System.nanoTime() - t;
      if (r.statusCode() != 200) {
        errors++;
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Arrays.sort(lat);
    md.append(
        "| sequential (one at a time, closed loop) | %,d | %.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %d | %s → %s |%n"
            .formatted(
                n,
                n / elapsed,
                lat[n / 2] / 1e6,
                lat[(int) (n * 0.9)] / 1e6,
                lat[Math.min(n - 1, (int) (n * 0.99))] / 1e6,
                lat[Math.min(n - 1, (int) (n * 0.999))] / 1e6,
                lat[n - 1] / 1e6,
                errors,
                l0,
                Benchmarks.load()));
  }

  private static long vmHwm(long pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (l.startsWith("VmHWM")) {
          return Long.parseLong(l.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      // gone
    }
    return -1;
  }

  private static List<URI> queryMix(String base) {
    String[] periods = {
      "2021",
      "2020",
      "2019",
      "2021-Q4",
      "2021-Q3",
      "2021-Q2",
      "2021-Q1",
      "2020-Q4",
      "2021-Q4R4",
      "2021-Q2R4",
      "2020-Q4R4"
    };
    String[] orgs = {"SOC", "SOC", "FBU", "SUV", "VH", "BC", "SPN", "BTV", "FBU-M", "SUV-M"};
    String[] bys = {"none", "effect_goal", "life_theme", "goal_type", "target_group", "org_child"};
    String[] filters = {
      "", "", "", "&effect_goal=LS", "&goal_type=progression", "&target_group=voksne_psykisk"
    };
    List<URI> mix = new ArrayList<>();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int i = 0; i < 500; i++) {
      String q =
          "/api/v1/attainment?period=%s&org=%s&by=%s&via=%s%s"
              .formatted(
                  periods[rnd.nextInt(periods.length)],
                  orgs[rnd.nextInt(orgs.length)],
                  bys[rnd.nextInt(bys.length)],
                  rnd.nextInt(4) == 0 ? "provider" : "authority",
                  filters[rnd.nextInt(filters.length)]);
      mix.add(URI.create(base + q));
    }
    return mix;
  }

  /** Sends {@code n} requests at a fixed rate; returns p50, p90, p99 in ms. */
  private double[] load(HttpClient client, List<URI> mix, int n, int perSecond, String phase)
      throws Exception {
    long[] latencies = new long[n];
    AtomicLong errors = new AtomicLong();
    Semaphore inFlight = new Semaphore(512);
    ConcurrentLinkedQueue<CompletableFuture<?>> futures = new ConcurrentLinkedQueue<>();
    String l0 = Benchmarks.load();
    long interval = 1_000_000_000L / perSecond;
    long start = System.nanoTime() + 10_000_000L;
    for (int i = 0; i < n; i++) {
      long due = start + i * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      final int k = i;
      HttpRequest req =
          HttpRequest.newBuilder(mix.get(i % mix.size()))
              .header("Authorization", "Bearer " + API_TOKEN)
              .timeout(Duration.ofSeconds(30))
              .build();
      futures.add(
          client
              .sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
              .whenComplete(
                  (r, e) -> {
                    latencies[k] = System.nanoTime() - due;
                    if (e != null || r.statusCode() != 200) {
                      errors.incrementAndGet();
                    }
                    inFlight.release();
                  }));
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .join();
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    double p50 = sorted[(int) (n * 0.50)] / 1e6;
    double p90 = sorted[(int) (n * 0.90)] / 1e6;
    double p99 = sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6;
    double p999 = sorted[Math.min(n - 1, (int) (n * 0.999))] / 1e6;
    double max = sorted[n - 1] / 1e6;
    md.append(
        "| %s | %,d | %.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %d | %s → %s |%n"
            .formatted(
                phase,
                n,
                n / elapsed,
                p50,
                p90,
                p99,
                p999,
                max,
                errors.get(),
                l0,
                Benchmarks.load()));
    return new double[] {p50, p90, p99};
  }
}
