package dk.goalattainment.connector.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import dk.goalattainment.connector.dashboards.DashboardSpec.FilterSpec;
import dk.goalattainment.connector.dashboards.DashboardSpec.MarkdownSpec;
import dk.goalattainment.connector.superset.SupersetDesiredState;
import dk.goalattainment.connector.superset.Uuids;
import dk.goalattainment.connector.superset.client.SqlalchemyUris;
import dk.goalattainment.connector.superset.sync.SupersetKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Compiles the dashboard specs ({@code dashboards/*.yaml}, see {@link DashboardSpec}) into Superset
 * v1 import bundles: one ZIP per dashboard and one with all of them, each holding {@code
 * metadata.yaml}, the database, the datasets the charts use (with every column and saved metric of
 * the definitions, under the UUIDs the sync gives them, {@link SupersetKeys}), the charts and the
 * dashboards, under one root folder.
 *
 * <p>{@link #validate} checks the specs against the definitions (datasets, metrics and columns
 * exist; every placed id exists and every chart is placed; UUIDs unique) and {@link #checkBundle}
 * checks a compiled bundle's structure (required import fields, references between files). The
 * output is deterministic: the same specs and definitions give byte-identical ZIPs except for the
 * timestamp in {@code metadata.yaml}, which the caller passes.
 */
public final class DashboardBundleBuilder {
  /** The version every file of a bundle carries. */
  public static final String VERSION = "1.0.0";

  /** The root folder of every entry; Superset drops it. */
  public static final String ROOT = "goal_attainment_dashboards/";

  /** The name of the bundle with every dashboard. */
  public static final String ALL = "all";

  /** The chart types the specs may use (Superset's {@code viz_type}). */
  public static final Set<String> VIZ_TYPES =
      Set.of(
          "big_number",
          "echarts_timeseries_bar",
          "echarts_timeseries_line",
          "table",
          "pivot_table_v2",
          "pie");

  private static final Set<String> TIME_SERIES =
      Set.of("big_number", "echarts_timeseries_bar", "echarts_timeseries_line");
  private static final Set<String> ONE_METRIC = Set.of("big_number", "pie");
  private static final String STAR = "*";
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  private static final ObjectMapper SPEC_READER = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The database the datasets live in.
   *
   * @param name Superset's {@code database_name}
   * @param sqlalchemyUri how Superset reaches it; a password is masked in the YAML and sent in the
   *     import's {@code passwords} field instead
   * @param uuid its UUID; {@code null} gives {@link SupersetKeys#databaseUuid}
   */
  public record Database(String name, String sqlalchemyUri, UUID uuid) {
    public Database {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sqlalchemyUri, "sqlalchemyUri");
      if (uuid == null) {
        uuid = SupersetKeys.databaseUuid(name);
      }
    }

    @Override
    public String toString() {
      return "Database[" + name + ", " + SqlalchemyUris.maskPassword(sqlalchemyUri) + "]";
    }
  }

  /**
   * A compiled bundle.
   *
   * @param name the dashboard's slug, or {@link #ALL}
   * @param zip the ZIP
   * @param passwords the import's {@code passwords} field (database file path → password)
   * @param roles the role names per dashboard UUID, to set through the REST API after the import
   */
  public record Bundle(
      String name, byte[] zip, Map<String, String> passwords, Map<UUID, List<String>> roles) {
    /** The ZIP's file name. */
    public String fileName() {
      return "dashboards_" + name + ".zip";
    }

    @Override
    public String toString() {
      return "Bundle[" + name + ", " + zip.length + " bytes, passwords for " + passwords.keySet();
    }
  }

  private final Definitions definitions;
  private final Database database;
  private String fingerprint = "";
  private String schema;

  /** A builder over these definitions, with the datasets in {@code database}. */
  public DashboardBundleBuilder(Definitions definitions, Database database) {
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * The fingerprint of what these specs compile to: SHA-256 of the all-in-one bundle built with a
   * fixed timestamp (the build is deterministic). The sync stores it in each dashboard's {@code
   * certification_details} and imports again only when Superset's copy differs.
   */
  public String fingerprint(List<DashboardSpec> specs) {
    String saved = fingerprint;
    try {
      fingerprint = "";
      byte[] zip = buildAll(specs, Instant.EPOCH).zip();
      return "connector bundle sha256:"
          + java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(zip));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      fingerprint = saved;
    }
  }

  /**
   * The schema of the tables (as the sync sets it): {@code main} for DuckDB, {@code public} for
   * PostgreSQL; by default from the database URI.
   */
  public DashboardBundleBuilder withSchema(String schema) {
    this.schema = schema;
    return this;
  }

  /** Writes {@code fingerprint} into each dashboard's {@code certification_details}. */
  public DashboardBundleBuilder withFingerprint(String fingerprint) {
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    return this;
  }

  // ------------------------------------------------------------------ loading

  /** Reads every {@code *.yaml} in {@code directory}, in file name order. */
  public static List<DashboardSpec> load(Path directory) {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID, "Cannot read the dashboards in " + directory, e);
    }
    List<DashboardSpec> specs = new ArrayList<>();
    for (Path f : files) {
      specs.add(parse(f));
    }
    return specs;
  }

  /** Reads one spec file; its slug must be its file name. */
  public static DashboardSpec parse(Path file) {
    DashboardSpec spec;
    try {
      spec = SPEC_READER.readValue(file.toFile(), DashboardSpec.class);
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID, file + ": not a dashboard spec: " + e.getMessage(), e);
    }
    String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
    if (!name.equals(spec.slug())) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          file + ": slug '" + spec.slug() + "' must be the file name '" + name + "'");
    }
    return spec;
  }

  // ------------------------------------------------------------------ validation

  /** Every problem of the specs against the definitions; empty when they compile. */
  public List<String> validate(List<DashboardSpec> specs) {
    List<String> problems = new ArrayList<>();
    Set<String> slugs = new HashSet<>();
    Map<UUID, String> uuids = new HashMap<>();
    for (DashboardSpec d : specs) {
      String where = "dashboard " + d.slug();
      if (blank(d.slug()) || !d.slug().matches("[a-z0-9_]+")) {
        problems.add(where + ": slug must be lower-case letters, digits and _");
        continue;
      }
      if (!slugs.add(d.slug())) {
        problems.add(where + ": slug used twice");
      }
      if (blank(d.title())) {
        problems.add(where + ": title is required");
      }
      if (d.roles().isEmpty()) {
        problems.add(where + ": roles must name at least one role");
      }
      unique(problems, uuids, dashboardUuid(d.slug()), where);
      Map<String, FilterSpec> filters = new LinkedHashMap<>();
      for (FilterSpec f : d.filters()) {
        String fw = where + ", filter " + f.id();
        if (blank(f.id()) || filters.put(f.id(), f) != null) {
          problems.add(fw + ": id missing or used twice");
        }
        if (blank(f.name())) {
          problems.add(fw + ": name is required");
        }
        Optional<DatasetDefinition> ds = dataset(problems, fw, f.dataset());
        if (ds.isPresent()) {
          column(problems, fw, ds.get(), f.column());
          f.where().keySet().forEach(c -> column(problems, fw + " (where)", ds.get(), c));
        }
        if (f.parent() != null && !filters.containsKey(f.parent())) {
          problems.add(fw + ": parent '" + f.parent() + "' is not an earlier filter");
        }
      }
      Set<String> ids = new HashSet<>();
      for (MarkdownSpec m : d.markdown()) {
        if (blank(m.id()) || !ids.add(m.id())) {
          problems.add(where + ", markdown " + m.id() + ": id missing or used twice");
        }
        if (blank(m.text())) {
          problems.add(where + ", markdown " + m.id() + ": text is required");
        }
      }
      for (ChartSpec c : d.charts()) {
        String cw = where + ", chart " + c.id();
        if (blank(c.id()) || !ids.add(c.id())) {
          problems.add(cw + ": id missing or used twice (duplicate UUID " + chartUuid(d, c) + ")");
        } else {
          unique(problems, uuids, chartUuid(d, c), cw);
        }
        validateChart(problems, cw, c, filters);
      }
      Map<String, Integer> placed = new HashMap<>();
      int r = 0;
      for (List<String> row : d.rows()) {
        r++;
        int width = 0;
        for (String id : row) {
          placed.merge(id, 1, Integer::sum);
          Optional<ChartSpec> chart = d.charts().stream().filter(c -> id.equals(c.id())).findAny();
          Optional<MarkdownSpec> md =
              d.markdown().stream().filter(m -> id.equals(m.id())).findAny();
          if (chart.isEmpty() && md.isEmpty()) {
            problems.add(
                where
                    + ": row "
                    + r
                    + " places CHART-"
                    + id
                    + ", but there is no chart or markdown with id '"
                    + id
                    + "'");
          }
          width += chart.map(c -> width(c.width())).orElse(md.map(m -> width(m.width())).orElse(0));
        }
        if (width > 12) {
          problems.add(where + ": row " + r + " is " + width + " columns wide (at most 12)");
        }
      }
      for (ChartSpec c : d.charts()) {
        int n = placed.getOrDefault(c.id(), 0);
        if (n != 1) {
          problems.add(
              where
                  + ", chart "
                  + c.id()
                  + (n == 0 ? ": is not placed in any row" : ": is placed " + n + " times"));
        }
      }
      for (MarkdownSpec m : d.markdown()) {
        if (placed.getOrDefault(m.id(), 0) != 1) {
          problems.add(where + ", markdown " + m.id() + ": must be placed exactly once");
        }
      }
    }
    return problems;
  }

  private void validateChart(
      List<String> problems, String cw, ChartSpec c, Map<String, FilterSpec> filters) {
    if (blank(c.title())) {
      problems.add(cw + ": title is required");
    }
    if (!VIZ_TYPES.contains(c.viz())) {
      problems.add(
          cw + ": viz '" + c.viz() + "' is not one of " + new java.util.TreeSet<>(VIZ_TYPES));
      return;
    }
    if (c.metrics().isEmpty() || ONE_METRIC.contains(c.viz()) && c.metrics().size() != 1) {
      problems.add(
          cw
              + ": "
              + c.viz()
              + " needs "
              + (ONE_METRIC.contains(c.viz()) ? "one" : "a")
              + " metric");
    }
    if (TIME_SERIES.contains(c.viz()) && blank(c.xAxis())) {
      problems.add(cw + ": " + c.viz() + " needs x_axis and time_grain");
    }
    c.ignore().stream()
        .filter(f -> !filters.containsKey(f))
        .forEach(f -> problems.add(cw + ": ignores unknown filter '" + f + "'"));
    Optional<DatasetDefinition> found = dataset(problems, cw, c.dataset());
    if (found.isEmpty()) {
      return;
    }
    DatasetDefinition ds = found.get();
    for (String m : c.metrics()) {
      Optional<MetricDefinition> metric = definitions.metric(m);
      if (metric.isEmpty()) {
        problems.add(cw + ": metric '" + m + "' is not defined in metrics.yaml");
      } else if (!ds.metrics().contains(m) || !metric.get().expressions().containsKey(ds.id())) {
        problems.add(cw + ": metric '" + m + "' is not defined over dataset '" + ds.id() + "'");
      }
    }
    Stream.of(c.groupby(), c.columns(), List.copyOf(c.where().keySet()))
        .flatMap(List::stream)
        .forEach(col -> column(problems, cw, ds, col));
    if (c.xAxis() != null) {
      column(problems, cw, ds, c.xAxis())
          .filter(col -> !col.isTemporal())
          .ifPresent(col -> problems.add(cw + ": x_axis '" + col.name() + "' is not temporal"));
    }
  }

  private Optional<DatasetDefinition> dataset(List<String> problems, String where, String id) {
    Optional<DatasetDefinition> ds = id == null ? Optional.empty() : definitions.dataset(id);
    if (ds.isEmpty()) {
      problems.add(where + ": dataset '" + id + "' is not defined");
    }
    return ds;
  }

  private static Optional<ColumnDefinition> column(
      List<String> problems, String where, DatasetDefinition ds, String name) {
    Optional<ColumnDefinition> c = name == null ? Optional.empty() : ds.column(name);
    if (c.isEmpty()) {
      problems.add(where + ": column '" + name + "' is not in dataset '" + ds.id() + "'");
    }
    return c;
  }

  private static void unique(List<String> problems, Map<UUID, String> seen, UUID u, String what) {
    String before = seen.putIfAbsent(u, what);
    if (before != null) {
      problems.add(what + ": duplicate UUID " + u + " (also " + before + ")");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  // ------------------------------------------------------------------ UUIDs

  /** The dashboard's UUID: v5 of {@code dashboard:<slug>} in {@link SupersetKeys#NAMESPACE}. */
  public static UUID dashboardUuid(String slug) {
    return Uuids.v5(SupersetKeys.NAMESPACE, "dashboard:" + slug);
  }

  /** The chart's UUID: v5 of {@code dashboard:<slug>/chart:<id>}. */
  public static UUID chartUuid(DashboardSpec d, ChartSpec c) {
    return Uuids.v5(SupersetKeys.NAMESPACE, "dashboard:" + d.slug() + "/chart:" + c.id());
  }

  // ------------------------------------------------------------------ building

  /**
   * Validates and compiles: one bundle per dashboard, in the specs' order, then {@link #ALL}.
   *
   * @throws ConnectorException ({@link ErrorCode#DEFINITION_INVALID}) listing every problem
   */
  public List<Bundle> build(List<DashboardSpec> specs, Instant timestamp) {
    requireValid(specs);
    List<Bundle> out = new ArrayList<>();
    for (DashboardSpec d : specs) {
      out.add(compile(d.slug(), List.of(d), timestamp));
    }
    out.add(compile(ALL, specs, timestamp));
    return out;
  }

  /** Validates and compiles the bundle with every dashboard. */
  public Bundle buildAll(List<DashboardSpec> specs, Instant timestamp) {
    requireValid(specs);
    return compile(ALL, specs, timestamp);
  }

  private void requireValid(List<DashboardSpec> specs) {
    List<String> problems = validate(specs);
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "The dashboard specs are invalid:\n  - " + String.join("\n  - ", problems));
    }
  }

  private Bundle compile(String name, List<DashboardSpec> specs, Instant timestamp) {
    Map<String, Object> files = new LinkedHashMap<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("version", VERSION);
    metadata.put("type", "assets");
    metadata.put("timestamp", timestamp.toString());
    files.put("metadata.yaml", metadata);

    String dbFolder = fileName(database.name());
    String databaseFile = "databases/" + dbFolder + ".yaml";
    files.put(databaseFile, databaseYaml());

    Map<String, DatasetDefinition> used = new TreeMap<>();
    for (DashboardSpec d : specs) {
      d.charts()
          .forEach(c -> used.put(c.dataset(), definitions.dataset(c.dataset()).orElseThrow()));
      d.filters()
          .forEach(f -> used.put(f.dataset(), definitions.dataset(f.dataset()).orElseThrow()));
    }
    for (DatasetDefinition ds : used.values()) {
      files.put("datasets/" + dbFolder + "/" + fileName(ds.table()) + ".yaml", datasetYaml(ds));
    }
    Map<String, Object> dashboards = new LinkedHashMap<>();
    Map<UUID, List<String>> roles = new LinkedHashMap<>();
    for (DashboardSpec d : specs) {
      Map<String, Integer> chartIds = new LinkedHashMap<>();
      int n = 0;
      for (ChartSpec c : d.charts()) {
        chartIds.put(c.id(), ++n);
        files.put("charts/" + d.slug() + "_" + fileName(c.id()) + ".yaml", chartYaml(d, c));
      }
      dashboards.put("dashboards/" + d.slug() + ".yaml", dashboardYaml(d, chartIds));
      roles.put(dashboardUuid(d.slug()), d.roles());
    }
    files.putAll(dashboards);

    Map<String, String> passwords = new LinkedHashMap<>();
    SqlalchemyUris.password(database.sqlalchemyUri())
        .ifPresent(p -> passwords.put(databaseFile, p));
    List<String> problems = checkBundle(files);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("compiled an invalid bundle: " + problems);
    }
    return new Bundle(name, zip(files), Map.copyOf(passwords), Map.copyOf(roles));
  }

  private Map<String, Object> databaseYaml() {
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("database_name", database.name());
    db.put("sqlalchemy_uri", SqlalchemyUris.maskPassword(database.sqlalchemyUri()));
    db.put("cache_timeout", null);
    db.put("expose_in_sqllab", true);
    db.put("allow_run_async", false);
    db.put("allow_ctas", false);
    db.put("allow_cvas", false);
    db.put("allow_dml", false);
    db.put("is_managed_externally", true);
    db.put("uuid", database.uuid().toString());
    db.put("version", VERSION);
    return db;
  }

  private Map<String, Object> datasetYaml(DatasetDefinition ds) {
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("table_name", ds.table());
    y.put("main_dttm_col", ds.timeColumn());
    // The same description, schema, labels and certification as `superset sync` sets, so that an
    // import never undoes the sync (SupersetDesiredState is the one source of both).
    y.put("description", SupersetDesiredState.description(ds));
    y.put("default_endpoint", null);
    y.put("offset", 0);
    y.put("cache_timeout", null);
    y.put(
        "schema",
        schema != null ? schema : SupersetDesiredState.defaultSchema(database.sqlalchemyUri()));
    y.put("sql", null);
    y.put("params", null);
    y.put("template_params", null);
    y.put("filter_select_enabled", true);
    y.put("fetch_values_predicate", null);
    y.put("extra", null);
    y.put("normalize_columns", false);
    y.put("always_filter_main_dttm", false);
    y.put("is_managed_externally", true);
    y.put("uuid", SupersetKeys.datasetUuid(ds.table()).toString());
    List<Object> metrics = new ArrayList<>();
    for (MetricDefinition m : definitions.metricsOf(ds)) {
      String expression = m.expressions().get(ds.id());
      if (expression == null) {
        continue;
      }
      Map<String, Object> my = new LinkedHashMap<>();
      my.put("metric_name", m.id());
      my.put("verbose_name", m.label() == null ? null : m.label().da());
      my.put("metric_type", null);
      my.put("expression", expression);
      my.put("description", m.description() == null ? null : m.description().da());
      my.put("d3format", m.d3format());
      my.put("currency", null);
      Map<String, Object> extra = null;
      if (m.certifiedBy() != null) {
        extra = new LinkedHashMap<>();
        Map<String, Object> cert = new LinkedHashMap<>();
        cert.put("certified_by", m.certifiedBy());
        cert.put("details", SupersetDesiredState.certificationDetails(m));
        extra.put("certification", cert);
      }
      my.put("extra", extra);
      my.put("warning_text", m.warning());
      metrics.add(my);
    }
    y.put("metrics", metrics);
    List<Object> columns = new ArrayList<>();
    for (ColumnDefinition c : ds.columns()) {
      Map<String, Object> cy = new LinkedHashMap<>();
      cy.put("column_name", c.name());
      cy.put("verbose_name", c.label());
      cy.put("is_dttm", c.isTemporal());
      cy.put("is_active", true);
      cy.put("type", c.type());
      cy.put("advanced_data_type", null);
      cy.put("groupby", SupersetDesiredState.groupby(c));
      cy.put("filterable", true);
      cy.put("expression", null);
      cy.put("description", c.description());
      cy.put("python_date_format", null);
      cy.put("extra", null);
      columns.add(cy);
    }
    y.put("columns", columns);
    y.put("version", VERSION);
    y.put("database_uuid", database.uuid().toString());
    return y;
  }

  // ------------------------------------------------------------------ charts

  /**
   * Whether native filter {@code f} applies to chart {@code c}: not when the chart ignores it, is
   * on another dataset, groups by the filtered dimension, or shows life themes (a theme's rows
   * carry its effect goal, so an effect goal of {@code *} would leave nothing).
   */
  static boolean inScope(FilterSpec f, ChartSpec c) {
    if (c.ignore().contains(f.id()) || !f.dataset().equals(c.dataset())) {
      return false;
    }
    String dim = base(f.column());
    if (grouped(c, dim)) {
      return false;
    }
    return !("effect_goal".equals(dim)
        && (grouped(c, "life_theme") || c.where().containsKey("life_theme")));
  }

  private static String base(String column) {
    return column.endsWith("_label") ? column.substring(0, column.length() - 6) : column;
  }

  private static boolean grouped(ChartSpec c, String dim) {
    return Stream.concat(c.groupby().stream(), c.columns().stream())
        .anyMatch(
            g -> base(g).equals(dim) || ("org_unit".equals(dim) && "org_unit_name".equals(g)));
  }

  /**
   * The chart's WHERE conditions: its own, then for every catalogue dimension of the dataset (ADR
   * 0007) {@code <> '*'} when grouped by, nothing when fixed by the chart or by a required native
   * filter in scope, and {@code = '*'} otherwise (except the effect goal of a life-theme chart).
   */
  List<Map<String, Object>> adhocFilters(DashboardSpec d, ChartSpec c) {
    DatasetDefinition ds = definitions.dataset(c.dataset()).orElseThrow();
    List<Map<String, Object>> out = new ArrayList<>();
    c.where().forEach((col, value) -> out.add(adhoc(col, "==", value)));
    boolean theme = grouped(c, "life_theme") || c.where().containsKey("life_theme");
    for (ColumnDefinition col : ds.columns()) {
      String dim = col.name();
      if (col.catalogue() == null || c.where().containsKey(dim)) {
        continue;
      }
      boolean filtered =
          d.filters().stream()
              .anyMatch(
                  f ->
                      inScope(f, c)
                          && base(f.column()).equals(dim)
                          && !Boolean.FALSE.equals(f.required()));
      if (grouped(c, dim)) {
        out.add(adhoc(dim, "!=", STAR));
      } else if (!filtered && !("effect_goal".equals(dim) && theme)) {
        out.add(adhoc(dim, "==", STAR));
      }
    }
    return out;
  }

  private static Map<String, Object> adhoc(String column, String operator, String value) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("clause", "WHERE");
    a.put("subject", column);
    a.put("operator", operator);
    a.put("comparator", value);
    a.put("expressionType", "SIMPLE");
    return a;
  }

  private String format(ChartSpec c) {
    return definitions.metric(c.metrics().get(0)).map(MetricDefinition::d3format).orElse(null);
  }

  Map<String, Object> chartYaml(DashboardSpec d, ChartSpec c) {
    List<Map<String, Object>> filters = adhocFilters(d, c);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("viz_type", c.viz());
    String fmt = format(c);
    switch (c.viz()) {
      case "big_number" -> {
        p.put("x_axis", c.xAxis());
        p.put("time_grain_sqla", c.timeGrain());
        p.put("metric", c.metrics().get(0));
        p.put("adhoc_filters", filters);
        p.put("show_trend_line", true);
        p.put("start_y_axis_at_zero", true);
        p.put("header_font_size", 0.4);
        p.put("subheader_font_size", 0.15);
        p.put("y_axis_format", fmt);
        p.put("time_format", "smart_date");
        p.put("rolling_type", "None");
      }
      case "echarts_timeseries_bar", "echarts_timeseries_line" -> {
        p.put("x_axis", c.xAxis());
        p.put("time_grain_sqla", c.timeGrain());
        p.put("x_axis_sort_asc", true);
        p.put("metrics", c.metrics());
        p.put("groupby", c.groupby());
        p.put("adhoc_filters", filters);
        p.put("order_desc", true);
        p.put("row_limit", 10000);
        p.put("truncate_metric", true);
        p.put("show_empty_columns", true);
        p.put("comparison_type", "values");
        p.put("annotation_layers", List.of());
        if (c.viz().equals("echarts_timeseries_bar")) {
          p.put("orientation", "vertical");
        } else {
          p.put("seriesType", "line");
          p.put("markerEnabled", true);
        }
        p.put("color_scheme", "supersetColors");
        p.put("show_legend", true);
        p.put("legendType", "scroll");
        p.put("legendOrientation", "top");
        p.put("x_axis_time_format", "smart_date");
        p.put("y_axis_format", fmt);
        p.put("rich_tooltip", true);
        p.put("tooltipTimeFormat", "smart_date");
        p.put("truncateXAxis", true);
      }
      case "table" -> {
        p.put("query_mode", "aggregate");
        p.put("groupby", c.groupby());
        p.put("metrics", c.metrics());
        p.put("percent_metrics", List.of());
        p.put("adhoc_filters", filters);
        p.put("order_by_cols", List.of());
        p.put("row_limit", 1000);
        p.put("server_page_length", 20);
        p.put("order_desc", true);
        p.put("table_timestamp_format", "smart_date");
        p.put("show_cell_bars", true);
        p.put("color_pn", true);
        p.put("allow_render_html", false);
        p.put("column_config", columnConfig(c));
      }
      case "pivot_table_v2" -> {
        p.put("groupbyRows", c.groupby());
        p.put("groupbyColumns", c.columns());
        p.put("metrics", c.metrics());
        p.put("metricsLayout", "COLUMNS");
        p.put("adhoc_filters", filters);
        p.put("row_limit", 10000);
        p.put("order_desc", true);
        p.put("aggregateFunction", "Sum");
        p.put("valueFormat", fmt);
        p.put("date_format", "smart_date");
        p.put("rowOrder", "key_a_to_z");
        p.put("colOrder", "key_a_to_z");
      }
      case "pie" -> {
        p.put("groupby", c.groupby());
        p.put("metric", c.metrics().get(0));
        p.put("adhoc_filters", filters);
        p.put("row_limit", 100);
        p.put("sort_by_metric", true);
        p.put("color_scheme", "supersetColors");
        p.put("show_labels_threshold", 5);
        p.put("show_legend", true);
        p.put("legendType", "scroll");
        p.put("legendOrientation", "top");
        p.put("label_type", "key_percent");
        p.put("number_format", fmt);
        p.put("date_format", "smart_date");
        p.put("show_labels", true);
        p.put("labels_outside", true);
        p.put("outerRadius", 70);
        p.put("innerRadius", 30);
        p.put("donut", true);
      }
      default -> throw new IllegalStateException(c.viz());
    }
    p.put("extra_form_data", Map.of());

    Map<String, Object> y = new LinkedHashMap<>();
    y.put("slice_name", c.title());
    y.put("description", c.description());
    y.put("certified_by", null);
    y.put("certification_details", null);
    y.put("viz_type", c.viz());
    y.put("params", p);
    y.put("query_context", queryContext(c, p, filters));
    y.put("cache_timeout", null);
    y.put("is_managed_externally", true);
    y.put("uuid", chartUuid(d, c).toString());
    y.put("version", VERSION);
    y.put("dataset_uuid", SupersetKeys.datasetUuid(table(c.dataset())).toString());
    return y;
  }

  private Map<String, Object> columnConfig(ChartSpec c) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (String m : c.metrics()) {
      definitions
          .metric(m)
          .map(MetricDefinition::d3format)
          .ifPresent(f -> config.put(m, Map.of("d3NumberFormat", f)));
    }
    return config;
  }

  private String queryContext(
      ChartSpec c, Map<String, Object> params, List<Map<String, Object>> adhoc) {
    List<Object> columns = new ArrayList<>();
    if (c.xAxis() != null && TIME_SERIES.contains(c.viz())) {
      Map<String, Object> axis = new LinkedHashMap<>();
      axis.put("timeGrain", c.timeGrain());
      axis.put("columnType", "BASE_AXIS");
      axis.put("sqlExpression", c.xAxis());
      axis.put("label", c.xAxis());
      axis.put("expressionType", "SQL");
      columns.add(axis);
    }
    columns.addAll(c.groupby());
    columns.addAll(c.columns());
    List<Object> filters = new ArrayList<>();
    for (Map<String, Object> a : adhoc) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("col", a.get("subject"));
      f.put("op", a.get("operator"));
      f.put("val", a.get("comparator"));
      filters.add(f);
    }
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("filters", filters);
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("having", "");
    extras.put("where", "");
    query.put("extras", extras);
    query.put("applied_time_extras", Map.of());
    query.put("columns", columns);
    query.put("metrics", c.metrics());
    query.put("orderby", List.of(List.of(c.metrics().get(0), false)));
    query.put("annotation_layers", List.of());
    query.put("row_limit", params.getOrDefault("row_limit", 10000));
    query.put("series_limit", 0);
    query.put("order_desc", true);
    query.put("url_params", Map.of());
    query.put("custom_params", Map.of());
    query.put("custom_form_data", Map.of());
    Map<String, Object> datasource = new LinkedHashMap<>();
    datasource.put("id", 0);
    datasource.put("type", "table");
    Map<String, Object> qc = new LinkedHashMap<>();
    qc.put("datasource", datasource);
    qc.put("force", false);
    qc.put("queries", List.of(query));
    qc.put("form_data", params);
    qc.put("result_format", "json");
    qc.put("result_type", "full");
    try {
      return JSON.writeValueAsString(qc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String table(String datasetId) {
    return definitions.dataset(datasetId).orElseThrow().table();
  }

  // ------------------------------------------------------------------ dashboards

  Map<String, Object> dashboardYaml(DashboardSpec d, Map<String, Integer> chartIds) {
    Map<String, Object> position = new TreeMap<>();
    position.put("DASHBOARD_VERSION_KEY", "v2");
    position.put("ROOT_ID", node("ROOT_ID", "ROOT", List.of("GRID_ID"), List.of(), null));
    position.put("HEADER_ID", node("HEADER_ID", "HEADER", null, null, Map.of("text", d.title())));
    List<String> rowIds = new ArrayList<>();
    int r = 0;
    for (List<String> row : d.rows()) {
      String rowId = "ROW-" + (++r);
      rowIds.add(rowId);
      List<String> children = new ArrayList<>();
      List<String> parents = List.of("ROOT_ID", "GRID_ID", rowId);
      for (String id : row) {
        Optional<ChartSpec> chart = d.charts().stream().filter(c -> id.equals(c.id())).findAny();
        if (chart.isPresent()) {
          ChartSpec c = chart.get();
          String key = "CHART-" + fileName(c.id());
          Map<String, Object> meta = new LinkedHashMap<>();
          meta.put("chartId", chartIds.get(c.id()));
          meta.put("height", height(c.height()));
          meta.put("sliceName", c.title());
          meta.put("uuid", chartUuid(d, c).toString());
          meta.put("width", width(c.width()));
          position.put(key, node(key, "CHART", List.of(), parents, meta));
          children.add(key);
        } else {
          MarkdownSpec m =
              d.markdown().stream().filter(x -> id.equals(x.id())).findAny().orElseThrow();
          String key = "MARKDOWN-" + fileName(m.id());
          Map<String, Object> meta = new LinkedHashMap<>();
          meta.put("code", m.text());
          meta.put("height", height(m.height()));
          meta.put("width", width(m.width()));
          position.put(key, node(key, "MARKDOWN", List.of(), parents, meta));
          children.add(key);
        }
      }
      position.put(
          rowId,
          node(
              rowId,
              "ROW",
              children,
              List.of("ROOT_ID", "GRID_ID"),
              Map.of("background", "BACKGROUND_TRANSPARENT")));
    }
    position.put("GRID_ID", node("GRID_ID", "GRID", rowIds, List.of("ROOT_ID"), null));

    List<Object> nativeFilters = new ArrayList<>();
    for (FilterSpec f : d.filters()) {
      nativeFilters.add(nativeFilter(d, f, chartIds));
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("timed_refresh_immune_slices", List.of());
    metadata.put("expanded_slices", Map.of());
    metadata.put("refresh_frequency", 0);
    metadata.put("default_filters", "{}");
    metadata.put("color_scheme", "supersetColors");
    metadata.put("label_colors", Map.of());
    metadata.put("cross_filters_enabled", false);
    metadata.put("native_filter_configuration", nativeFilters);

    Map<String, Object> y = new LinkedHashMap<>();
    y.put("dashboard_title", d.title());
    y.put("description", d.description());
    y.put("css", "");
    y.put("slug", d.slug());
    y.put("certified_by", fingerprint.isEmpty() ? "" : "Goal-attainment connector");
    y.put("certification_details", fingerprint);
    y.put("published", true);
    y.put("is_managed_externally", true);
    y.put("uuid", dashboardUuid(d.slug()).toString());
    y.put("position", position);
    y.put("metadata", metadata);
    y.put("version", VERSION);
    return y;
  }

  private Map<String, Object> nativeFilter(
      DashboardSpec d, FilterSpec f, Map<String, Integer> chartIds) {
    Map<String, Object> control = new LinkedHashMap<>();
    control.put("enableEmptyFilter", !Boolean.FALSE.equals(f.required()));
    control.put("defaultToFirstItem", Boolean.TRUE.equals(f.first()));
    control.put("multiSelect", Boolean.TRUE.equals(f.multi()));
    control.put("searchAllOptions", false);
    control.put("inverseSelection", false);
    control.put("sortAscending", !Boolean.TRUE.equals(f.descending()));
    Map<String, Object> column = new LinkedHashMap<>();
    column.put("name", f.column());
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("column", column);
    target.put("datasetUuid", SupersetKeys.datasetUuid(table(f.dataset())).toString());
    Map<String, Object> mask = new LinkedHashMap<>();
    if (f.defaultValue() != null) {
      Map<String, Object> filter = new LinkedHashMap<>();
      filter.put("col", f.column());
      filter.put("op", "IN");
      filter.put("val", List.of(f.defaultValue()));
      mask.put("extraFormData", Map.of("filters", List.of(filter)));
      mask.put("filterState", Map.of("value", List.of(f.defaultValue())));
    } else {
      mask.put("extraFormData", Map.of());
      mask.put("filterState", Map.of());
    }
    mask.put("ownState", Map.of());
    List<Integer> excluded = new ArrayList<>();
    List<Integer> inScope = new ArrayList<>();
    for (ChartSpec c : d.charts()) {
      (inScope(f, c) ? inScope : excluded).add(chartIds.get(c.id()));
    }
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("rootPath", List.of("ROOT_ID"));
    scope.put("excluded", excluded);
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("id", filterId(d, f.id()));
    y.put("name", f.name());
    y.put("filterType", "filter_select");
    y.put("type", "NATIVE_FILTER");
    y.put("targets", List.of(target));
    y.put("controlValues", control);
    y.put("defaultDataMask", mask);
    y.put("cascadeParentIds", f.parent() == null ? List.of() : List.of(filterId(d, f.parent())));
    y.put("scope", scope);
    y.put("chartsInScope", inScope);
    y.put("tabsInScope", List.of());
    y.put("description", f.description() == null ? "" : f.description());
    if (!f.where().isEmpty()) {
      List<Object> pre = new ArrayList<>();
      f.where().forEach((col, value) -> pre.add(adhoc(col, "==", value)));
      y.put("adhoc_filters", pre);
      y.put("time_range", "No filter");
    }
    return y;
  }

  private static String filterId(DashboardSpec d, String id) {
    return "NATIVE_FILTER-" + d.slug() + "-" + fileName(id);
  }

  private static Map<String, Object> node(
      String id, String type, List<String> children, List<String> parents, Map<String, ?> meta) {
    Map<String, Object> n = new LinkedHashMap<>();
    if (children != null) {
      n.put("children", children);
    }
    n.put("id", id);
    if (meta != null) {
      n.put("meta", meta);
    }
    if (parents != null) {
      n.put("parents", parents);
    }
    n.put("type", type);
    return n;
  }

  private static int width(Integer w) {
    return w == null ? 4 : w;
  }

  private static int height(Integer h) {
    return h == null ? 50 : h;
  }

  // ------------------------------------------------------------------ structure check

  private static final Map<String, List<String>> REQUIRED =
      Map.of(
          "databases/", List.of("database_name", "sqlalchemy_uri", "uuid", "version"),
          "datasets/", List.of("table_name", "uuid", "version", "database_uuid"),
          "charts/", List.of("slice_name", "viz_type", "uuid", "version", "dataset_uuid"),
          "dashboards/", List.of("dashboard_title", "uuid", "version"));

  /**
   * Every structural problem of a bundle's files (path without the root folder → parsed YAML as
   * maps and lists): required import fields, unique UUIDs, charts' {@code dataset_uuid}s,
   * positions' chart UUIDs, every chart placed, native filter targets.
   */
  @SuppressWarnings("unchecked")
  public static List<String> checkBundle(Map<String, ?> files) {
    List<String> problems = new ArrayList<>();
    if (!(files.get("metadata.yaml") instanceof Map<?, ?> meta) || meta.get("version") == null) {
      problems.add("metadata.yaml: missing, or without version");
    }
    Map<String, Set<String>> uuids = new HashMap<>();
    Set<String> all = new HashSet<>();
    files.forEach(
        (path, doc) -> {
          REQUIRED.forEach(
              (folder, required) -> {
                if (path.startsWith(folder)) {
                  Map<String, Object> y = (Map<String, Object>) doc;
                  for (String field : required) {
                    if (y.get(field) == null) {
                      problems.add(path + ": required field " + field + " is missing");
                    }
                  }
                  String uuid = String.valueOf(y.get("uuid"));
                  uuids.computeIfAbsent(folder, k -> new LinkedHashSet<>()).add(uuid);
                  if (!all.add(uuid)) {
                    problems.add(path + ": duplicate UUID " + uuid);
                  }
                }
              });
        });
    Set<String> databases = uuids.getOrDefault("databases/", Set.of());
    Set<String> datasets = uuids.getOrDefault("datasets/", Set.of());
    Set<String> charts = uuids.getOrDefault("charts/", Set.of());
    Set<String> placed = new HashSet<>();
    files.forEach(
        (path, doc) -> {
          Map<String, Object> y = doc instanceof Map<?, ?> ? (Map<String, Object>) doc : Map.of();
          if (path.startsWith("datasets/")
              && !databases.contains(String.valueOf(y.get("database_uuid")))) {
            problems.add(
                path + ": database_uuid " + y.get("database_uuid") + " is not in the bundle");
          }
          if (path.startsWith("charts/")
              && !datasets.contains(String.valueOf(y.get("dataset_uuid")))) {
            problems.add(
                path + ": dataset_uuid " + y.get("dataset_uuid") + " is not in the bundle");
          }
          if (path.startsWith("dashboards/")) {
            Map<String, Object> position =
                (Map<String, Object>) y.getOrDefault("position", Map.of());
            for (String key : List.of("ROOT_ID", "GRID_ID", "HEADER_ID")) {
              if (!position.containsKey(key)) {
                problems.add(path + ": position has no " + key);
              }
            }
            position.forEach(
                (key, node) -> {
                  if (key.startsWith("CHART-")) {
                    Object uuid =
                        ((Map<String, Object>) ((Map<String, Object>) node).get("meta"))
                            .get("uuid");
                    placed.add(String.valueOf(uuid));
                    if (!charts.contains(String.valueOf(uuid))) {
                      problems.add(
                          path
                              + ": position "
                              + key
                              + " points to chart "
                              + uuid
                              + ", which is not in the bundle");
                    }
                  }
                });
            Map<String, Object> metadata =
                (Map<String, Object>) y.getOrDefault("metadata", Map.of());
            for (Object f :
                (List<Object>) metadata.getOrDefault("native_filter_configuration", List.of())) {
              Map<String, Object> filter = (Map<String, Object>) f;
              for (Object t : (List<Object>) filter.getOrDefault("targets", List.of())) {
                Object ds = ((Map<String, Object>) t).get("datasetUuid");
                if (!datasets.contains(String.valueOf(ds))) {
                  problems.add(
                      path
                          + ": filter "
                          + filter.get("id")
                          + " targets dataset "
                          + ds
                          + ", which is not in the bundle");
                }
              }
            }
          }
        });
    for (String chart : charts) {
      if (!placed.contains(chart)) {
        problems.add("chart " + chart + " is not placed on any dashboard in the bundle");
      }
    }
    return problems;
  }

  // ------------------------------------------------------------------ output

  /** A file name safe on every platform: letters, digits, {@code _}, {@code -} and {@code .}. */
  static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static byte[] zip(Map<String, Object> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, Object> f : files.entrySet()) {
        ZipEntry entry = new ZipEntry(ROOT + f.getKey());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(YAML.writeValueAsString(f.getValue()).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
