package dk.goalattainment.connector.bench;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.duckdb.DuckDbDialect;
import dk.goalattainment.connector.store.postgres.PostgresDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Part 3 of the harness: the direktion dashboard on PostgreSQL, each chart over the refreshed
 * datasets against raw SQL over the facts computing the same figures, then again with indexes on
 * the cube's slice keys. The DuckDB store's tables are copied into an embedded PostgreSQL first.
 */
final class DashboardBench {
  private static final List<String> BASE_TABLES =
      List.of("org_unit", "org_closure", "goal", "followup");
  private static final List<String> DATASET_TABLES =
      List.of(
          "dim_period",
          "dim_org_unit",
          "ds_attainment",
          "ds_goal_followups",
          "ds_followup_compliance");

  private final Catalogue catalogue;
  private final Path subjectDb;
  private final Path work;
  private final StringBuilder md;

  DashboardBench(Catalogue catalogue, Path subjectDb, Path work, StringBuilder md) {
    this.catalogue = catalogue;
    this.subjectDb = subjectDb;
    this.work = work;
    this.md = md;
  }

  void run() throws Exception {
    System.err.println("== dashboard (PostgreSQL)");
    md.append("### 3. Direktion dashboard on PostgreSQL: datasets vs raw SQL over the facts\n\n");
    Path csvDir = work.resolve("pg-export");
    Files.createDirectories(csvDir);
    Map<String, List<String[]>> shapes = export(csvDir);
    long t0 = System.nanoTime();
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setPGStartupWait(Duration.ofSeconds(120))
            .setServerConfig("fsync", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("work_mem", "64MB")
            .setServerConfig("shared_buffers", "512MB")
            .setServerConfig("max_wal_size", "4GB")
            .setLocaleConfig("locale", "C")
            .start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      try (Connection c = DriverManager.getConnection(url, "postgres", "");
          Statement s = c.createStatement()) {
        load(c, s, url, shapes, csvDir, t0);
        List<Dashboard.Chart> charts = Dashboard.charts(2021);
        List<Double> rawMs = timeCharts(s, charts);
        md.append(check(s, charts.get(0)));
        timeWithIndexes(s, charts, rawMs);
      }
    }
  }

  /** Every table's column names and types, and its rows as CSV in {@code csvDir}. */
  private Map<String, List<String[]>> export(Path csvDir) throws SQLException {
    Map<String, List<String[]>> shapes = new LinkedHashMap<>();
    try (DuckDbDialect duck = new DuckDbDialect(subjectDb);
        Connection c = duck.connect();
        Statement s = c.createStatement()) {
      for (String t : concat(BASE_TABLES, DATASET_TABLES)) {
        List<String[]> cols = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + t + " WHERE 1 = 0")) {
          ResultSetMetaData meta = rs.getMetaData();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            cols.add(new String[] {meta.getColumnLabel(i), meta.getColumnTypeName(i)});
          }
        }
        shapes.put(t, cols);
        s.execute("COPY " + t + " TO '" + csvDir.resolve(t + ".csv") + "' (HEADER false)");
      }
    }
    return shapes;
  }

  /**
   * The store's own PostgreSQL schema (with its indexes), the dataset tables as DuckDB built them.
   */
  private void load(
      Connection c,
      Statement s,
      String url,
      Map<String, List<String[]>> shapes,
      Path csvDir,
      long t0)
      throws SQLException, IOException {
    String version;
    try (ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      version = rs.getString(1);
    }
    try (var dialect = new PostgresDialect(url, "postgres", "");
        var store = new JdbcStore(dialect, catalogue)) {
      // opening the store writes its schema and the catalogue labels
    }
    for (String t : DATASET_TABLES) {
      StringBuilder ddl = new StringBuilder("CREATE TABLE " + t + " (");
      List<String[]> cols = shapes.get(t);
      for (int i = 0; i < cols.size(); i++) {
        ddl.append(i > 0 ? ", " : "")
            .append(cols.get(i)[0])
            .append(' ')
            .append(pgType(cols.get(i)[1]));
      }
      s.execute("DROP TABLE IF EXISTS " + t);
      s.execute(ddl.append(")").toString());
    }
    PGConnection pgc = c.unwrap(PGConnection.class);
    for (String t : concat(BASE_TABLES, DATASET_TABLES)) {
      s.execute("TRUNCATE " + t);
      try (Reader r = Files.newBufferedReader(csvDir.resolve(t + ".csv"))) {
        pgc.getCopyAPI().copyIn("COPY " + t + " FROM STDIN WITH (FORMAT csv)", r);
      }
    }
    s.execute("VACUUM ANALYZE");
    md.append(
        ("PostgreSQL %s (zonky embedded; fsync off, shared_buffers 512MB, work_mem 64MB, C"
                + " locale), loaded with the store's PostgreSQL schema and indexes plus the"
                + " refreshed dataset tables exactly as DuckDB built them (no extra indexes)"
                + " in %.1f s.%n%n")
            .formatted(version, Benchmarks.secs(t0)));
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String t : concat(BASE_TABLES, DATASET_TABLES)) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
        rs.next();
        counts.put(t, rs.getLong(1));
      }
    }
    md.append("Rows: ").append(counts).append("\n\n");
  }

  /** Each chart over the datasets and as raw SQL; returns the raw SQL medians. */
  private List<Double> timeCharts(Statement s, List<Dashboard.Chart> charts) throws SQLException {
    md.append(
        "| chart | dataset ms (median) | rows | raw SQL ms (median) | rows | speed-up |"
            + " load avg |\n|---|---:|---:|---:|---:|---:|---|\n");
    double sumDataset = 0;
    double sumRaw = 0;
    List<Double> rawMs = new ArrayList<>();
    for (Dashboard.Chart ch : charts) {
      String l0 = Benchmarks.load();
      double[] d = time(s, ch.dataset(), 7);
      double[] r = time(s, ch.raw(), 3);
      sumDataset += d[0];
      sumRaw += r[0];
      rawMs.add(r[0]);
      md.append(
          "| %s | %.2f | %d | %.1f | %d | %.0f× | %s → %s |%n"
              .formatted(
                  ch.name(),
                  d[0],
                  (long) d[1],
                  r[0],
                  (long) r[1],
                  r[0] / d[0],
                  l0,
                  Benchmarks.load()));
    }
    md.append(
        ("%nWhole dashboard (%d charts, sequential): datasets **%.1f ms**, raw SQL **%.0f ms**:"
                + " **%.0f×** faster (target ≥ 20×: %s).%n%n")
            .formatted(
                charts.size(),
                sumDataset,
                sumRaw,
                sumRaw / sumDataset,
                sumRaw / sumDataset >= 20 ? "met" : "missed"));
    return rawMs;
  }

  /** What an index on the cube's slice keys buys (the refresh creates none). */
  private void timeWithIndexes(Statement s, List<Dashboard.Chart> charts, List<Double> rawMs)
      throws SQLException {
    s.execute("CREATE INDEX bench_att_org ON ds_attainment (org_unit, period, via)");
    s.execute("CREATE INDEX bench_att_parent ON ds_attainment (parent_org_unit, period, via)");
    s.execute(
        "CREATE INDEX bench_fc_parent ON ds_followup_compliance (parent_org_unit, period, via)");
    s.execute("ANALYZE");
    md.append(
        "With indexes on the cube's slice keys (`ds_attainment (org_unit, period, via)`,"
            + " `(parent_org_unit, period, via)`, `ds_followup_compliance (parent_org_unit,"
            + " period, via)`), same queries:\n\n| chart | dataset ms (median) | raw SQL ms"
            + " (above) | speed-up |\n|---|---:|---:|---:|\n");
    double sumIdx = 0;
    double sumRaw = 0;
    for (int i = 0; i < charts.size(); i++) {
      double[] d = time(s, charts.get(i).dataset(), 7);
      sumIdx += d[0];
      sumRaw += rawMs.get(i);
      md.append(
          "| %s | %.2f | %.1f | %.0f× |%n"
              .formatted(charts.get(i).name(), d[0], rawMs.get(i), rawMs.get(i) / d[0]));
    }
    md.append(
        ("%nWhole dashboard with indexes: datasets **%.1f ms** vs raw **%.0f ms**: **%.0f×**"
                + " (target ≥ 20×: %s).%n%n")
            .formatted(sumIdx, sumRaw, sumRaw / sumIdx, sumRaw / sumIdx >= 20 ? "met" : "missed"));
  }

  /** The first chart's figures from both sides, to show that they agree. */
  private static String check(Statement s, Dashboard.Chart ch) throws SQLException {
    StringBuilder b = new StringBuilder("Check (chart 1, both sides): ");
    try (ResultSet rs = s.executeQuery(ch.dataset())) {
      if (rs.next()) {
        b.append("dataset citizens=%d avg=%.6f".formatted(rs.getLong(1), rs.getDouble(2)));
      }
    }
    try (ResultSet rs = s.executeQuery(ch.raw())) {
      if (rs.next()) {
        b.append("; raw citizens=%d avg=%.6f".formatted(rs.getLong(3), rs.getDouble(4)));
      }
    }
    return b.append(".\n\n").toString();
  }

  /** Median milliseconds of {@code runs} runs after one warm-up, and the row count. */
  private static double[] time(Statement s, String sql, int runs) throws SQLException {
    long rows = 0;
    double[] ms = new double[runs];
    for (int i = -1; i < runs; i++) {
      long t0 = System.nanoTime();
      rows = 0;
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rows++;
        }
      }
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Arrays.sort(ms);
    return new double[] {ms[runs / 2], rows};
  }

  private static String pgType(String duck) {
    return switch (duck.toUpperCase(Locale.ROOT)) {
      case "VARCHAR" -> "TEXT";
      case "INTEGER" -> "INTEGER";
      case "BIGINT" -> "BIGINT";
      case "HUGEINT" -> "NUMERIC";
      case "DOUBLE" -> "DOUBLE PRECISION";
      case "DATE" -> "DATE";
      case "BOOLEAN" -> "BOOLEAN";
      case "TIMESTAMP" -> "TIMESTAMP";
      default -> "TEXT";
    };
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }
}
