package dk.goalattainment.connector.bench;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.definitions.CatalogueLoader;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark harness of issue 7. Generates the demo data at a scale, writes it once as CSV, and
 * measures four things, each against a baseline in the same run: CSV ingest, full refresh, the
 * direktion dashboard on PostgreSQL, and REST latency under a fixed request rate. Prints a Markdown
 * report (also written to {@code <work>/results-<scale>-<parts>.md}).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar --scale 100k [--work DIR] [--only ingest,refresh,dashboard,rest]
 * </pre>
 */
public final class Benchmarks {
  private static final String KEY = "benchmark-pseudonym-key-0123456789";

  private final long followUpsTarget;
  private final Path work;
  private final Set<String> only;
  private final int requests;
  private final int rate;
  private final int repeats;
  private final boolean fullCubeFloor;
  private final String memoryLimit;
  private final Path connectorJar;
  private final StringBuilder md = new StringBuilder();
  private final PrintStream log = System.err;

  private Catalogue catalogue;
  private Definitions definitions;
  private DemoCsv.Files3 files;
  private Path subjectDb;

  private Benchmarks(Options o) {
    this.followUpsTarget = parseScale(o.scale);
    this.work = o.work.toAbsolutePath();
    // the parts by their names (the enum constants are spelled as on the command line)
    this.only = o.only.stream().map(Part::name).collect(Collectors.toSet());
    this.requests = o.requests;
    this.rate = o.rate;
    this.repeats = o.repeats;
    this.fullCubeFloor = o.fullFloor;
    this.memoryLimit = o.memoryLimit;
    this.connectorJar = o.connectorJar != null ? o.connectorJar : defaultConnectorJar();
  }

  /** The harness's options (picocli); {@code --help} prints them. */
  @Command(
      name = "java -jar benchmarks/target/benchmarks.jar",
      mixinStandardHelpOptions = true,
      description = "Generates demo data at a scale and measures the connector against baselines.")
  static final class Options implements Callable<Integer> {
    @Option(
        names = "--scale",
        defaultValue = "100k",
        description =
            "follow-ups to generate: 100k, 1m, 10m or a number (default ${DEFAULT-VALUE})")
    String scale;

    @Option(
        names = "--work",
        defaultValue = "${java.io.tmpdir}/goal-attainment-bench",
        description = "where CSV files, databases and results go (default ${DEFAULT-VALUE})")
    Path work;

    @Option(
        names = "--only",
        split = ",",
        defaultValue = "ingest,refresh,incremental,postgres,memory,dashboard,rest",
        description =
            "any of ${COMPLETION-CANDIDATES} (default all; later steps need the store of ingest:"
                + " it is kept in --work and reused)")
    List<Part> only;

    @Option(
        names = "--full-floor",
        arity = "1",
        defaultValue = "false",
        description =
            "also run the issue 7 full-cube floor beside the core-cube one (default false: it"
                + " takes minutes at 1 M follow-ups)")
    boolean fullFloor;

    @Option(
        names = "--memory-limit",
        defaultValue = "1GB",
        description = "DuckDB memory_limit of the peak-memory run (default ${DEFAULT-VALUE})")
    String memoryLimit;

    @Option(
        names = "--requests",
        defaultValue = "20000",
        description = "REST requests measured, after N/10 warm-up (default ${DEFAULT-VALUE})")
    int requests;

    @Option(
        names = "--rate",
        defaultValue = "1000",
        description = "REST requests per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(
        names = "--repeats",
        defaultValue = "2",
        description =
            "runs of each ingest, refresh / floor (default ${DEFAULT-VALUE}; all and the median"
                + " are printed)")
    int repeats;

    @Option(
        names = "--connector-jar",
        description =
            "the shaded connector.jar for `serve` (default: connector/target, else the"
                + " class path)")
    Path connectorJar;

    @Override
    public Integer call() throws Exception {
      new Benchmarks(this).run();
      return 0;
    }
  }

  /** The parts of the harness that {@code --only} selects. */
  enum Part {
    ingest,
    refresh,
    incremental,
    postgres,
    memory,
    dashboard,
    rest
  }

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new Options()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  static long parseScale(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT).replace("_", "");
    long mult = 1;
    if (t.endsWith("k")) {
      mult = 1_000;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      mult = 1_000_000;
      t = t.substring(0, t.length() - 1);
    }
    return Math.round(Double.parseDouble(t) * mult);
  }

  /**
   * The shaded jar of a build in the current directory, or null: then `serve` runs from our class
   * path.
   */
  private static Path defaultConnectorJar() {
    Path p = Path.of("connector/target/connector.jar");
    return Files.isRegularFile(p) ? p.toAbsolutePath() : null;
  }

  private void run() throws Exception {
    Files.createDirectories(work);
    DefinitionFiles defFiles = DefinitionFiles.bundled();
    catalogue = CatalogueLoader.load(defFiles);
    definitions = CheckedDefinitions.load(defFiles, catalogue).definitions();
    long citizens = DemoCsv.citizensFor(followUpsTarget);
    String scaleName = scaleName(followUpsTarget);
    subjectDb = work.resolve("subject-" + scaleName + ".duckdb");

    md.append("## Run at scale ")
        .append(scaleName)
        .append(" (")
        .append(Instant.now())
        .append(")\n\n");
    md.append(machine()).append('\n');

    log.printf("generating CSV for %,d citizens into %s%n", citizens, work);
    long t0 = System.nanoTime();
    files = DemoCsv.write(catalogue, citizens, work.resolve("csv-" + scaleName));
    md.append(
        ("Data: %,d citizens → %,d org units, %,d goals, %,d follow-ups (%,d records); CSV in `%s`"
                + " (generated or reused in %.1f s).%n%n")
            .formatted(
                citizens,
                files.orgRows(),
                files.goalRows(),
                files.fuRows(),
                files.records(),
                work.resolve("csv-" + scaleName),
                secs(t0)));
    flush(scaleName);

    if (only.contains("ingest")) {
      ingest();
      flush(scaleName);
    }
    if (only.contains("refresh")
        || only.contains("incremental")
        || only.contains("postgres")
        || only.contains("memory")) {
      refresh();
      flush(scaleName);
    }
    if (only.contains("dashboard")) {
      requireSubject();
      new DashboardBench(catalogue, subjectDb, work, md).run();
      flush(scaleName);
    }
    if (only.contains("rest")) {
      requireSubject();
      new RestBench(subjectDb, work, connectorJar, KEY, requests, rate, md).run();
      flush(scaleName);
    }
    System.out.println(md);
  }

  private void flush(String scaleName) throws IOException {
    Files.writeString(
        work.resolve(
            "results-" + scaleName + "-" + String.join("-", new java.util.TreeSet<>(only)) + ".md"),
        md);
  }

  static String scaleName(long n) {
    if (n % 1_000_000 == 0) {
      return n / 1_000_000 + "m";
    }
    if (n % 1_000 == 0) {
      return n / 1_000 + "k";
    }
    return Long.toString(n);
  }

  static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static String machine() {
    String cpu = "unknown";
    String mem = "unknown";
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          cpu = l.substring(l.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal")) {
          mem = "%.1f GiB".formatted(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0);
        }
      }
    } catch (IOException e) {
      // not Linux: leave unknown
    }
    return ("Machine: %d cores (nproc), %s, RAM %s; %s %s (%s); load average at start %s.%n")
        .formatted(
            Runtime.getRuntime().availableProcessors(),
            cpu,
            mem,
            System.getProperty("java.vm.name"),
            System.getProperty("java.runtime.version"),
            System.getProperty("os.name") + " " + System.getProperty("os.version"),
            load());
  }

  private ConnectorRuntime open(Path db) {
    return new ConnectorRuntime(
        catalogue,
        definitions,
        new JdbcStore(new DuckDbDialect(db), catalogue),
        new Pseudonymizer(KEY));
  }

  private static void deleteDb(Path db) throws IOException {
    Files.deleteIfExists(db);
    Files.deleteIfExists(Path.of(db + ".wal"));
  }

  // ---------------------------------------------------------------- 1. ingest

  private void ingest() throws Exception {
    new IngestBench(files, work, subjectDb, repeats, md, this::open).run();
  }

  // ---------------------------------------------------------------- 2. refresh

  private void refresh() throws Exception {
    requireSubject();
    RefreshBench bench =
        new RefreshBench(catalogue, definitions, files, work, subjectDb, repeats, md);
    if (only.contains("refresh")) {
      bench.full(fullCubeFloor);
    }
    if (only.contains("incremental")) {
      bench.incremental();
    }
    if (only.contains("postgres")) {
      bench.postgres();
    }
    if (only.contains("memory")) {
      bench.memory(memoryLimit);
    }
  }

  private void requireSubject() {
    if (!Files.exists(subjectDb)) {
      throw new IllegalStateException(
          "no store at " + subjectDb + ": run with --only ingest (or all steps) first");
    }
  }
}
