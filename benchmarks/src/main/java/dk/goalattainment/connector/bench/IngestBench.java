package dk.goalattainment.connector.bench;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.IngestCounts;
import dk.goalattainment.connector.ingest.CsvRecords;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Issue 12.6: the {@code connector ingest} path (CSV parsing, validation, HMAC pseudonymisation,
 * staging, the cross-record checks and the commit) against DuckDB's own {@code read_csv} of the
 * same files into the same tables ({@link FloorSql#load}), side by side, {@code repeats} times.
 *
 * <p>Both sides get a fresh database whose schema and catalogue were written before the clock
 * starts, and both are timed up to and including closing it. The first connector run is the one a
 * {@code connector ingest} process sees (a cold JVM); later runs show the JIT-compiled steady
 * state. Each row also gives the process CPU seconds of the run (every thread: parser, staging
 * thread, DuckDB's workers, JIT and GC), which varies less with the load of a shared machine than
 * the wall-clock time.
 */
final class IngestBench {
  private final DemoCsv.Files3 files;
  private final Path work;
  private final Path subjectDb;
  private final int repeats;
  private final StringBuilder md;
  private final Function<Path, ConnectorRuntime> open;
  private final PrintStream log = System.err;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  IngestBench(
      DemoCsv.Files3 files,
      Path work,
      Path subjectDb,
      int repeats,
      StringBuilder md,
      Function<Path, ConnectorRuntime> open) {
    this.files = files;
    this.work = work;
    this.subjectDb = subjectDb;
    this.repeats = Math.max(1, repeats);
    this.md = md;
    this.open = open;
  }

  /**
   * One timed run: wall-clock seconds (and when reading the input ended, for the connector),
   * process CPU seconds, and the load before and after.
   */
  private record Run(double seconds, double readSeconds, double cpu, String load0, String load1) {}

  /** Runs both sides {@code repeats} times; leaves the last connector store at the subject path. */
  void run() throws Exception {
    log.println("== ingest");
    md.append("### 1. CSV ingest (DuckDB), issue 12.6\n\n");
    md.append(
        "| run | connector s (read+validate+stage / checks+commit) | CPU s | floor s | CPU s |"
            + " connector ÷ floor | load avg (before → after) |\n"
            + "|---|---:|---:|---:|---:|---:|---|\n");
    double[] ratios = new double[repeats];
    double[] subjects = new double[repeats];
    double[] floors = new double[repeats];
    IngestCounts counts = null;
    for (int r = 0; r < repeats; r++) {
      Run subject = subject();
      counts = lastCounts;
      Run floor = floor();
      subjects[r] = subject.seconds();
      floors[r] = floor.seconds();
      ratios[r] = subject.seconds() / floor.seconds();
      md.append(
          "| %d%s | %.2f (%.2f / %.2f) | %.2f | %.2f | %.2f | **%.2f×** | %s → %s |%n"
              .formatted(
                  r + 1,
                  r == 0 ? " (cold JVM)" : "",
                  subject.seconds(),
                  subject.readSeconds(),
                  subject.seconds() - subject.readSeconds(),
                  subject.cpu(),
                  floor.seconds(),
                  floor.cpu(),
                  ratios[r],
                  subject.load0(),
                  floor.load1()));
      log.printf(
          "ingest run %d: connector %.2f s, floor %.2f s, ratio %.2f%n",
          r + 1, subject.seconds(), floor.seconds(), ratios[r]);
    }
    log.print(counts.summary());
    md.append(
        ("%n%,d records (org units + goals + follow-ups). Connector ÷ floor: cold JVM **%.2f×**,"
                + " median of %d runs **%.2f×** (target ≤ 2×: %s); median connector %.2f s"
                + " (%,.0f records/s), median floor %.2f s.%n%n")
            .formatted(
                files.records(),
                ratios[0],
                repeats,
                median(ratios),
                median(ratios) <= 2 ? "met" : "missed",
                median(subjects),
                files.records() / median(subjects),
                median(floors)));
  }

  private IngestCounts lastCounts;

  /** The connector's ingest into a fresh store. */
  private Run subject() throws IOException {
    deleteDb(subjectDb);
    ConnectorRuntime rt = open.apply(subjectDb); // schema and catalogue: not timed, as the floor's
    IngestBatch batch =
        new IngestBatch(
            CsvRecords.orgUnits(files.org()),
            CsvRecords.goals(files.goals()),
            CsvRecords.followUps(files.followUps()));
    String l0 = Benchmarks.load();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    long[] lastProgress = {t0};
    try (rt) {
      // the service reports progress while reading and once when reading ends
      lastCounts = rt.ingest().ingest(batch, read -> lastProgress[0] = System.nanoTime());
    }
    return new Run(
        (System.nanoTime() - t0) / 1e9,
        (lastProgress[0] - t0) / 1e9,
        (os.getProcessCpuTime() - cpu0) / 1e9,
        l0,
        Benchmarks.load());
  }

  /** DuckDB's {@code read_csv} of the same files into a fresh database of the same schema. */
  private Run floor() throws Exception {
    Path floorDb = work.resolve("floor-ingest.duckdb");
    deleteDb(floorDb);
    try (ConnectorRuntime rt = open.apply(floorDb)) {
      // only to create the schema and catalogue labels
    }
    String l0 = Benchmarks.load();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + floorDb);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (String sql : FloorSql.load(files)) {
        s.execute(sql);
      }
      c.commit();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Run run =
        new Run(seconds, seconds, (os.getProcessCpuTime() - cpu0) / 1e9, l0, Benchmarks.load());
    deleteDb(floorDb);
    return run;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void deleteDb(Path db) throws IOException {
    Files.deleteIfExists(db);
    Files.deleteIfExists(Path.of(db + ".wal"));
  }
}
