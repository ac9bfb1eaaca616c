package dk.goalattainment.connector.bench;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RecordSource;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import dk.goalattainment.connector.store.DatasetRefresher;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.RefreshListener;
import dk.goalattainment.connector.store.SqlDialect;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import dk.goalattainment.connector.store.duckdb.DuckDbSettings;
import dk.goalattainment.connector.store.postgres.PostgresDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * Issue 12's refresh measurements, each against a baseline in the same run: a full refresh against
 * the core-cube floor (and optionally the issue 7 full-cube floor), an incremental refresh of a
 * daily delta against a full one, PostgreSQL against DuckDB on the same data, and the peak resident
 * memory of a refresh in a process of its own.
 */
final class RefreshBench {
  private static final String KEY = "benchmark-pseudonym-key-0123456789";
  private final Catalogue catalogue;
  private final Definitions definitions;
  private final DemoCsv.Files3 files;
  private final Path work;
  private final Path subjectDb;
  private final int repeats;
  private final StringBuilder md;
  private final PrintStream log = System.err;

  RefreshBench(
      Catalogue catalogue,
      Definitions definitions,
      DemoCsv.Files3 files,
      Path work,
      Path subjectDb,
      int repeats,
      StringBuilder md) {
    this.catalogue = catalogue;
    this.definitions = definitions;
    this.files = files;
    this.work = work;
    this.subjectDb = subjectDb;
    this.repeats = repeats;
    this.md = md;
  }

  private ConnectorRuntime open(SqlDialect dialect) {
    return new ConnectorRuntime(
        catalogue, definitions, new JdbcStore(dialect, catalogue), new Pseudonymizer(KEY));
  }

  /** Stage times of one refresh. */
  static final class Stages implements RefreshListener {
    final Map<String, Double> seconds = new LinkedHashMap<>();
    final Map<String, Long> rows = new LinkedHashMap<>();
    String plan = "";

    @Override
    public void finished(String stage, long r, Duration took) {
      seconds.merge(stage, took.toNanos() / 1e9, Double::sum);
      rows.put(stage, r);
    }

    @Override
    public void decided(String p) {
      plan = p;
    }

    String describe() {
      StringBuilder sb = new StringBuilder();
      seconds.forEach((k, v) -> sb.append("%s %.2f s; ".formatted(k, v)));
      return sb.toString();
    }
  }

  static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  // ------------------------------------------------------------------ full refresh vs floor

  void full(boolean fullCubeFloor) throws Exception {
    log.println("== refresh (full) vs core-cube floor");
    md.append("### 2. Full refresh against the core-cube floor (DuckDB)\n\n");
    md.append("| run | seconds | load avg (before → after) | detail |\n|---|---:|---|---|\n");
    List<Double> subject = new ArrayList<>();
    List<Double> floor = new ArrayList<>();
    List<Double> fullFloor = new ArrayList<>();
    Map<String, Long> rows = Map.of();
    try (ConnectorRuntime rt = open(new DuckDbDialect(subjectDb))) {
      for (int r = 1; r <= repeats; r++) {
        Stages stages = new Stages();
        String l0 = Benchmarks.load();
        long t0 = System.nanoTime();
        DatasetRefresher.Result res = rt.refresh(new DatasetRefresher.Request(true), stages);
        double took = secs(t0);
        subject.add(took);
        rows = res.rows();
        md.append(
            "| connector full refresh #%d | %.2f | %s → %s | %s |%n"
                .formatted(r, took, l0, Benchmarks.load(), stages.describe()));
        try (Connection c = rt.store().dialect().connect();
            Statement s = c.createStatement()) {
          // the floor with DuckDB's own default memory limit (80 % of RAM), the refresh with the
          // connector's bounded default (1 GB)
          s.execute("RESET memory_limit");
          l0 = Benchmarks.load();
          t0 = System.nanoTime();
          s.execute(FloorSql.coreCube());
          double ft = secs(t0);
          floor.add(ft);
          long n = count(s, "SELECT COUNT(*) FROM floor_core_cube");
          md.append(
              "| floor #%d: core cube (hand-written SQL) | %.2f | %s → %s | %,d rows |%n"
                  .formatted(r, ft, l0, Benchmarks.load(), n));
          s.execute("DROP TABLE floor_core_cube");
          s.execute("SET memory_limit = '" + DuckDbSettings.DEFAULT.memoryLimit() + "'");
          if (fullCubeFloor) {
            l0 = Benchmarks.load();
            t0 = System.nanoTime();
            for (String sql : FloorSql.refresh()) {
              s.execute(sql);
            }
            double fft = secs(t0);
            fullFloor.add(fft);
            md.append(
                "| floor #%d: full cube of issue 7 (hand-written SQL) | %.2f | %s → %s | |%n"
                    .formatted(r, fft, l0, Benchmarks.load()));
            for (String sql : FloorSql.dropRefreshTables()) {
              s.execute(sql);
            }
          }
        }
      }
    }
    md.append("\nRows: ").append(rows).append("\n\n");
    double ratio = median(subject) / median(floor);
    md.append(
        ("Full refresh: median **%.2f s** (best %.2f s); core-cube floor median %.2f s (best %.2f"
                + " s); ratio of medians **%.2f×** (target ≤ 3×: %s; moonshot ≤ 1.5×: %s).%n%n")
            .formatted(
                median(subject),
                subject.stream().mapToDouble(d -> d).min().orElse(0),
                median(floor),
                floor.stream().mapToDouble(d -> d).min().orElse(0),
                ratio,
                ratio <= 3 ? "met" : "missed",
                ratio <= 1.5 ? "met" : "missed"));
    if (!fullFloor.isEmpty()) {
      md.append(
          "Against the issue 7 full-cube floor (median %.2f s): %.2f×.%n%n"
              .formatted(median(fullFloor), median(subject) / median(fullFloor)));
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ------------------------------------------------------------------ incremental vs full

  void incremental() throws Exception {
    log.println("== incremental refresh of a daily delta vs full refresh");
    Path db = work.resolve("incremental.duckdb");
    Files.deleteIfExists(db);
    Files.deleteIfExists(Path.of(db + ".wal"));
    Files.copy(subjectDb, db, StandardCopyOption.REPLACE_EXISTING);
    md.append("### 3. Incremental refresh of a daily delta against a full refresh (DuckDB)\n\n");
    Delta delta = Delta.read(files);
    md.append(
        ("Each round ingests a new daily delta through the connector's ingest (1 %% of the"
                + " follow-ups: %,d replaced with another score, %,d new — 90 %% dated in the last"
                + " 90 days of the data, 10 %% late in closed periods — and %,d goals moved to"
                + " another authority unit), then runs `refresh` (incremental) and `refresh"
                + " --full` on the same store, side by side.%n%n")
            .formatted(delta.replaced(), delta.added(), delta.moved()));
    md.append(
        "| round | ingest s | incremental s | full s | incremental ÷ full | plan | load avg |\n"
            + "|---|---:|---:|---:|---:|---|---|\n");
    List<Double> ratios = new ArrayList<>();
    List<Double> inc = new ArrayList<>();
    List<Double> fulls = new ArrayList<>();
    try (ConnectorRuntime rt = open(new DuckDbDialect(db))) {
      rt.refresh(new DatasetRefresher.Request(true), RefreshListener.NONE);
      for (int r = 1; r <= repeats; r++) {
        String l0 = Benchmarks.load();
        long t0 = System.nanoTime();
        rt.ingest().ingest(delta.batch(r));
        double ingest = secs(t0);
        Stages stages = new Stages();
        t0 = System.nanoTime();
        rt.refresh(DatasetRefresher.Request.DEFAULT, stages);
        double i = secs(t0);
        t0 = System.nanoTime();
        rt.refresh(new DatasetRefresher.Request(true), RefreshListener.NONE);
        double f = secs(t0);
        inc.add(i);
        fulls.add(f);
        ratios.add(i / f);
        md.append(
            "| %d | %.2f | %.2f | %.2f | %.1f %% | %s | %s → %s |%n"
                .formatted(r, ingest, i, f, 100 * i / f, stages.plan, l0, Benchmarks.load()));
        md.append("|  | | stages: %s | | | | |%n".formatted(stages.describe()));
      }
    }
    double ratio = median(inc) / median(fulls);
    md.append(
        ("%nIncremental: median **%.2f s** against a full refresh's %.2f s: **%.1f %%** (target"
                + " ≤ 5 %%: %s).%n%n")
            .formatted(median(inc), median(fulls), 100 * ratio, ratio <= 0.05 ? "met" : "missed"));
  }

  /** A daily delta read from the generated CSV files: replaced and new follow-ups, moved goals. */
  record Delta(List<String[]> followUps, List<String[]> goals, List<String> units, LocalDate last) {
    static Delta read(DemoCsv.Files3 f) throws IOException {
      List<String[]> fus = lines(f.followUps());
      List<String[]> goals = lines(f.goals());
      List<String> units = new ArrayList<>();
      for (String[] u : lines(f.org())) {
        if (u.length > 3 && "myndighed".equals(u[3])) {
          units.add(u[0]);
        }
      }
      LocalDate last = LocalDate.MIN;
      for (String[] x : fus) {
        LocalDate d = LocalDate.parse(x[2]);
        if (d.isAfter(last)) {
          last = d;
        }
      }
      return new Delta(fus, goals, units, last);
    }

    private static List<String[]> lines(Path p) throws IOException {
      List<String[]> rows = new ArrayList<>();
      try (BufferedReader r = Files.newBufferedReader(p)) {
        r.readLine();
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          rows.add(l.split(",", -1));
        }
      }
      return rows;
    }

    int replaced() {
      return followUps.size() / 200;
    }

    int added() {
      return followUps.size() / 200;
    }

    int moved() {
      return followUps.size() / 2000;
    }

    IngestBatch batch(int round) {
      Random rnd = new Random(round * 7919L);
      List<RawFollowUp> fu = new ArrayList<>();
      java.util.Set<Integer> picked = new java.util.HashSet<>();
      while (picked.size() < replaced()) {
        picked.add(rnd.nextInt(followUps.size()));
      }
      for (int index : picked) {
        String[] x = followUps.get(index);
        fu.add(new RawFollowUp(x[0], x[1], x[2], Integer.toString(1 + rnd.nextInt(10))));
      }
      for (int i = 0; i < added(); i++) {
        String[] g = goals.get(rnd.nextInt(goals.size()));
        LocalDate set = LocalDate.parse(g[7]);
        if (set.isAfter(last)) {
          continue;
        }
        LocalDate d =
            rnd.nextInt(10) == 0
                ? set.plusDays(rnd.nextInt((int) Math.max(1, last.toEpochDay() - set.toEpochDay())))
                : last.minusDays(rnd.nextInt(90));
        if (d.isBefore(set)) {
          d = set;
        }
        fu.add(
            new RawFollowUp(
                "bench-" + round + "-" + i,
                g[0],
                d.toString(),
                Integer.toString(1 + rnd.nextInt(10))));
      }
      List<RawGoal> gs = new ArrayList<>();
      java.util.Set<Integer> moving = new java.util.HashSet<>();
      while (moving.size() < moved()) {
        moving.add(rnd.nextInt(goals.size()));
      }
      for (int index : moving) {
        String[] g = goals.get(index);
        gs.add(
            new RawGoal(
                g[0],
                g[1],
                g[2],
                g[3],
                g[4],
                g[5],
                g[6],
                g[7],
                g[8],
                units.get(rnd.nextInt(units.size())),
                g[10]));
      }
      return new IngestBatch(RecordSource.empty(), RecordSource.of(gs), RecordSource.of(fu));
    }
  }

  // ------------------------------------------------------------------ PostgreSQL vs DuckDB

  void postgres() throws Exception {
    log.println("== refresh on PostgreSQL vs DuckDB");
    md.append("### 4. Full refresh on PostgreSQL against DuckDB (same data, same run)\n\n");
    Path csv = work.resolve("pg-refresh-export");
    Files.createDirectories(csv);
    List<String> tables = List.of("org_unit", "org_closure", "goal", "followup");
    try (DuckDbDialect duck = new DuckDbDialect(subjectDb);
        Connection c = duck.connect();
        Statement s = c.createStatement()) {
      for (String t : tables) {
        s.execute("COPY " + t + " TO '" + csv.resolve(t + ".csv") + "' (HEADER false)");
      }
    }
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setPGStartupWait(Duration.ofSeconds(120))
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("shared_buffers", "512MB")
            .setServerConfig("max_wal_size", "4GB")
            .setLocaleConfig("locale", "C")
            .start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      String version;
      try (ConnectorRuntime rt = open(new PostgresDialect(url, "postgres", "", 4));
          Connection c = rt.store().dialect().connect();
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SHOW server_version")) {
          rs.next();
          version = rs.getString(1);
        }
        PGConnection pgc = c.unwrap(PGConnection.class);
        for (String t : tables) {
          try (Reader r = Files.newBufferedReader(csv.resolve(t + ".csv"))) {
            pgc.getCopyAPI().copyIn("COPY " + t + " FROM STDIN WITH (FORMAT csv)", r);
          }
        }
        s.execute("ANALYZE");
      }
      md.append(
          ("PostgreSQL %s (zonky embedded; fsync off, shared_buffers 512MB, C locale; the"
                  + " refresh sets its own work_mem), loaded with the same goals and follow-ups"
                  + " through the store's own schema.%n%n")
              .formatted(version));
      md.append(
          "| run | PostgreSQL s | DuckDB s | PostgreSQL ÷ DuckDB | load avg |\n"
              + "|---|---:|---:|---:|---|\n");
      List<Double> p = new ArrayList<>();
      List<Double> d = new ArrayList<>();
      String pgStages = "";
      try (ConnectorRuntime pgRt = open(new PostgresDialect(url, "postgres", "", 4));
          ConnectorRuntime duckRt = open(new DuckDbDialect(subjectDb))) {
        for (int r = 1; r <= repeats; r++) {
          String l0 = Benchmarks.load();
          Stages stages = new Stages();
          long t0 = System.nanoTime();
          pgRt.refresh(new DatasetRefresher.Request(true), stages);
          double pt = secs(t0);
          t0 = System.nanoTime();
          duckRt.refresh(new DatasetRefresher.Request(true), RefreshListener.NONE);
          double dt = secs(t0);
          p.add(pt);
          d.add(dt);
          pgStages = stages.describe();
          md.append(
              "| %d | %.2f | %.2f | %.2f× | %s → %s |%n"
                  .formatted(r, pt, dt, pt / dt, l0, Benchmarks.load()));
        }
      }
      double ratio = median(p) / median(d);
      md.append(
          ("%nPostgreSQL stages (last run): %s%n%nPostgreSQL refresh: median **%.2f s** against"
                  + " DuckDB's %.2f s: **%.2f×** (target ≤ 3×: %s).%n%n")
              .formatted(pgStages, median(p), median(d), ratio, ratio <= 3 ? "met" : "missed"));
    }
  }

  // ------------------------------------------------------------------ peak memory

  void memory(String memoryLimit) throws Exception {
    log.println("== peak resident memory of a refresh (child process)");
    Path db = work.resolve("memory.duckdb");
    Files.deleteIfExists(db);
    Files.deleteIfExists(Path.of(db + ".wal"));
    Files.copy(subjectDb, db, StandardCopyOption.REPLACE_EXISTING);
    md.append("### 5. Peak resident memory of a full refresh (DuckDB)\n\n");
    md.append(
        "| DuckDB memory_limit | threads | seconds | peak RSS (VmHWM) | load avg |\n"
            + "|---|---:|---:|---:|---|\n");
    for (String limit : Arrays.asList(memoryLimit, "512MB")) {
      String l0 = Benchmarks.load();
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  RefreshChild.class.getName(),
                  db.toString(),
                  limit,
                  Integer.toString(Runtime.getRuntime().availableProcessors()))
              .redirectErrorStream(true)
              .start();
      String out;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
        out = String.join("\n", r.lines().toList());
      }
      p.waitFor();
      String seconds = out.replaceAll("(?s).*seconds=([0-9.]+).*", "$1");
      String kib = out.replaceAll("(?s).*vmhwm_kib=(\\d+).*", "$1");
      md.append(
          "| %s | %d | %s | %s | %s → %s |%n"
              .formatted(
                  limit,
                  Runtime.getRuntime().availableProcessors(),
                  seconds,
                  kib.matches("\\d+")
                      ? "%.0f MiB".formatted(Long.parseLong(kib) / 1024.0)
                      : "failed: " + out.lines().reduce("", (a, b) -> b),
                  l0,
                  Benchmarks.load()));
    }
    md.append(
        "\nThe child is `java -cp benchmarks.jar "
            + RefreshChild.class.getName()
            + " DB LIMIT THREADS` with default JVM flags; VmHWM read from /proc/self/status at"
            + " its end (the JVM, its heap and DuckDB together).\n\n");
  }
}
