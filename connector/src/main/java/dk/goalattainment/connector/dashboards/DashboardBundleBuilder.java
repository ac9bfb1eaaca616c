package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import dk.goalattainment.connector.superset.SupersetDesiredState;
import dk.goalattainment.connector.superset.client.SqlalchemyUris;
import dk.goalattainment.connector.superset.sync.AssetBundle;
import dk.goalattainment.connector.superset.sync.BundleWriter;
import dk.goalattainment.connector.superset.sync.DashboardAssets;
import dk.goalattainment.connector.superset.sync.DatabaseSpec;
import dk.goalattainment.connector.superset.sync.SupersetKeys;
import dk.goalattainment.connector.superset.sync.Uuids;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Compiles the dashboard specs ({@code dashboards/*.yaml}, {@link DashboardSpec}) into Superset v1
 * import bundles: one ZIP per dashboard and one with all of them, each holding {@code
 * metadata.yaml}, the database, the datasets the charts use (as the sync describes them, {@link
 * SupersetDesiredState#datasetSpec}, under the UUIDs the sync gives them), the charts ({@link
 * ChartFiles}, one {@link ChartCompiler} per kind) and the dashboards ({@link DashboardLayout},
 * {@link NativeFilters}), written by the sync's {@link BundleWriter}.
 *
 * <p>{@link #validate} checks the specs ({@link SpecValidator}). The output is deterministic: the
 * same specs and definitions give byte-identical ZIPs except for the timestamp in {@code
 * metadata.yaml}, which the caller passes; {@link #fingerprint} hashes a dashboard's bundle built
 * with a fixed one.
 */
public final class DashboardBundleBuilder {
  /** The root folder of every entry; Superset drops it. */
  public static final String ROOT = "goal_attainment_dashboards/";

  /** The name of the bundle with every dashboard. */
  public static final String ALL = "all";

  /** The {@code certified_by} of a dashboard that carries its fingerprint. */
  static final String CERTIFIED_BY = "Goal-attainment connector";

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
  private final DatabaseSpec database;
  private final UUID databaseUuid;
  private final String schema;
  private final String externalUrlBase;

  /** A builder over these definitions, with the datasets in {@code database}. */
  public DashboardBundleBuilder(Definitions definitions, Database database) {
    this(
        definitions,
        new DatabaseSpec(database.name(), database.sqlalchemyUri(), true, null, database.uuid()),
        database.uuid(),
        null,
        null);
  }

  /**
   * A builder for the sync: the database as the sync describes it, under the UUID Superset knows it
   * by, the tables' schema and the connector's base URL (or null for each of the last two).
   */
  public DashboardBundleBuilder(
      Definitions definitions,
      DatabaseSpec database,
      UUID databaseUuid,
      String schema,
      String externalUrlBase) {
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.database = Objects.requireNonNull(database, "database");
    this.databaseUuid = Objects.requireNonNull(databaseUuid, "databaseUuid");
    this.schema =
        schema != null ? schema : SupersetDesiredState.defaultSchema(database.sqlalchemyUri());
    this.externalUrlBase = externalUrlBase;
  }

  /** The same builder with the tables in {@code schema}. */
  public DashboardBundleBuilder withSchema(String schema) {
    return new DashboardBundleBuilder(definitions, database, databaseUuid, schema, externalUrlBase);
  }

  /** The same builder with the database under {@code uuid}. */
  DashboardBundleBuilder withDatabaseUuid(UUID uuid) {
    return new DashboardBundleBuilder(definitions, database, uuid, schema, externalUrlBase);
  }

  /** Every problem of the specs against the definitions; empty when they compile. */
  public List<String> validate(List<DashboardSpec> specs) {
    return new SpecValidator(definitions).validate(specs);
  }

  /** The dashboard's UUID: v5 of {@code dashboard:<slug>} in {@link SupersetKeys#NAMESPACE}. */
  public static UUID dashboardUuid(String slug) {
    return Uuids.v5(SupersetKeys.NAMESPACE, "dashboard:" + slug);
  }

  /** The chart's UUID: v5 of {@code dashboard:<slug>/chart:<id>}. */
  public static UUID chartUuid(DashboardSpec d, ChartSpec c) {
    return Uuids.v5(SupersetKeys.NAMESPACE, "dashboard:" + d.slug() + "/chart:" + c.id());
  }

  /**
   * Validates and compiles: one bundle per dashboard, in the specs' order, then {@link #ALL}.
   *
   * @throws ConnectorException ({@link ErrorCode#DEFINITION_INVALID}) listing every problem
   */
  public List<Bundle> build(List<DashboardSpec> specs, Instant timestamp) {
    requireValid(specs);
    List<Bundle> out = new ArrayList<>();
    for (DashboardSpec d : specs) {
      out.add(compile(d.slug(), List.of(d), timestamp, Map.of()));
    }
    out.add(compile(ALL, specs, timestamp, Map.of()));
    return out;
  }

  /** Validates and compiles the bundle with every dashboard. */
  public Bundle buildAll(List<DashboardSpec> specs, Instant timestamp) {
    requireValid(specs);
    return compile(ALL, specs, timestamp, Map.of());
  }

  /**
   * The fingerprint of what one dashboard compiles to: SHA-256 of its bundle built with a fixed
   * timestamp (the build is deterministic). The sync keeps it in the dashboard's {@code
   * certification_details} and imports again only when Superset's copy differs.
   */
  public String fingerprint(DashboardSpec d) {
    byte[] zip = compile(d.slug(), List.of(d), Instant.EPOCH, Map.of()).zip();
    try {
      return "connector bundle sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The dashboards for the sync ({@link DashboardAssets}); validated now, so a broken spec stops
   * the sync before its plan.
   */
  public DashboardAssets assets(List<DashboardSpec> specs) {
    requireValid(specs);
    return new DashboardSyncAssets(this, specs);
  }

  private void requireValid(List<DashboardSpec> specs) {
    List<String> problems = validate(specs);
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "The dashboard specs are invalid:\n  - " + String.join("\n  - ", problems));
    }
  }

  /** One bundle with {@code specs}, each dashboard carrying its fingerprint (if given). */
  Bundle compile(
      String name, List<DashboardSpec> specs, Instant timestamp, Map<String, String> fingerprints) {
    BundleWriter writer = new BundleWriter(ROOT, timestamp);
    String folder = writer.database(database, databaseUuid);
    Map<String, DatasetDefinition> used = new TreeMap<>();
    for (DashboardSpec d : specs) {
      d.charts().forEach(c -> used.put(c.dataset(), dataset(c.dataset())));
      d.filters().forEach(f -> used.put(f.dataset(), dataset(f.dataset())));
    }
    for (DatasetDefinition ds : used.values()) {
      Map<String, String> types = new LinkedHashMap<>();
      for (ColumnDefinition c : ds.columns()) {
        types.put(c.name(), c.type());
      }
      writer.dataset(
          folder,
          SupersetDesiredState.datasetSpec(definitions, ds, schema, externalUrlBase),
          databaseUuid,
          ds.timeColumn(),
          types,
          true);
    }
    ChartFiles charts = new ChartFiles(definitions);
    NativeFilters filters = new NativeFilters(definitions);
    Map<String, Map<String, Object>> dashboards = new LinkedHashMap<>();
    Map<UUID, List<String>> roles = new LinkedHashMap<>();
    for (DashboardSpec d : specs) {
      Map<String, Integer> chartIds = new LinkedHashMap<>();
      int n = 0;
      for (ChartSpec c : d.charts()) {
        chartIds.put(c.id(), ++n);
        writer.put(ChartFiles.path(d, c), charts.chartYaml(d, c));
      }
      dashboards.put(
          "dashboards/" + d.slug() + ".yaml",
          dashboardYaml(d, chartIds, filters, fingerprints.getOrDefault(d.slug(), "")));
      roles.put(dashboardUuid(d.slug()), d.roles());
    }
    dashboards.forEach(writer::put);
    AssetBundle bundle = writer.bundle();
    return new Bundle(name, bundle.zip(), bundle.passwords(), Map.copyOf(roles));
  }

  private DatasetDefinition dataset(String id) {
    return definitions.dataset(id).orElseThrow();
  }

  private static Map<String, Object> dashboardYaml(
      DashboardSpec d, Map<String, Integer> chartIds, NativeFilters filters, String fingerprint) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("timed_refresh_immune_slices", List.of());
    metadata.put("expanded_slices", Map.of());
    metadata.put("refresh_frequency", 0);
    metadata.put("default_filters", "{}");
    metadata.put("color_scheme", "supersetColors");
    metadata.put("label_colors", Map.of());
    metadata.put("cross_filters_enabled", false);
    metadata.put("native_filter_configuration", filters.configuration(d, chartIds));
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("dashboard_title", d.title());
    y.put("description", d.description());
    y.put("css", "");
    y.put("slug", d.slug());
    y.put("certified_by", fingerprint.isEmpty() ? "" : CERTIFIED_BY);
    y.put("certification_details", fingerprint);
    y.put("published", true);
    y.put("is_managed_externally", true);
    y.put("uuid", dashboardUuid(d.slug()).toString());
    y.put("position", DashboardLayout.position(d, chartIds));
    y.put("metadata", metadata);
    y.put("version", BundleWriter.VERSION);
    return y;
  }

  /**
   * Every structural problem of a bundle's files ({@link BundleWriter#problems}): Superset's
   * required and unconditionally read fields, unique UUIDs, references into the bundle.
   */
  public static List<String> checkBundle(Map<String, ?> files) {
    return BundleWriter.problems(files);
  }
}
