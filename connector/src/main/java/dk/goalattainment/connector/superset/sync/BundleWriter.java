package dk.goalattainment.connector.superset.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dk.goalattainment.connector.superset.client.SqlalchemyUris;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes Superset v1 import bundles: {@code metadata.yaml} and YAML files under one root folder
 * (which Superset drops), zipped deterministically (fixed entry times, files in insertion order).
 * The one writer of the sync ({@link AssetBundle}) and the dashboards.
 *
 * <p>Every file carries what Superset's importers read unconditionally, besides what their schemas
 * require ({@code ../shared/reference/superset/LIVE-FACTS.md}): a database {@code uuid}, {@code
 * sqlalchemy_uri}, {@code allow_csv_upload} and {@code extra} (a mapping); a dataset {@code uuid}
 * and {@code database_uuid}; a chart {@code params}, {@code viz_type} and {@code uuid}; a dashboard
 * {@code uuid}, {@code position} and {@code metadata}. A bundle without one fails the whole import
 * with 500 "Import failed for an unknown reason". {@link #problems} checks a bundle for them.
 */
public final class BundleWriter {
  /** The version every file of a bundle carries. */
  public static final String VERSION = "1.0.0";

  /** The fields each kind of file must carry, by folder (schemas and unconditional reads). */
  public static final Map<String, List<String>> REQUIRED =
      Map.of(
          "databases/",
          List.of(
              "database_name", "sqlalchemy_uri", "uuid", "version", "allow_csv_upload", "extra"),
          "datasets/",
          List.of("table_name", "uuid", "version", "database_uuid"),
          "charts/",
          List.of("slice_name", "viz_type", "params", "uuid", "version", "dataset_uuid"),
          "dashboards/",
          List.of("dashboard_title", "uuid", "version", "position", "metadata"));

  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private final String root;
  private final Map<String, Object> files = new LinkedHashMap<>();
  private final Map<String, String> passwords = new LinkedHashMap<>();

  /**
   * A bundle under {@code root} (e.g. {@code goal_attainment_bundle/}) stamped {@code timestamp}.
   */
  public BundleWriter(String root, Instant timestamp) {
    this.root = root.endsWith("/") ? root : root + "/";
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("version", VERSION);
    metadata.put("type", "assets");
    metadata.put("timestamp", timestamp.toString());
    files.put("metadata.yaml", metadata);
  }

  /**
   * Adds the database under {@code uuid} (the UUID Superset knows it by). The URI's password is
   * masked in the YAML and kept for the import's {@code passwords} field.
   *
   * @return the folder name of its datasets
   */
  public String database(DatabaseSpec database, UUID uuid) {
    String folder = fileName(database.name());
    String path = "databases/" + folder + ".yaml";
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("database_name", database.name());
    db.put("sqlalchemy_uri", SqlalchemyUris.maskPassword(database.sqlalchemyUri()));
    db.put("cache_timeout", null);
    db.put("expose_in_sqllab", database.exposeInSqllab());
    db.put("allow_run_async", false);
    db.put("allow_ctas", false);
    db.put("allow_cvas", false);
    db.put("allow_dml", false);
    db.put("allow_csv_upload", false);
    db.put("extra", Map.of());
    db.put("is_managed_externally", true);
    if (database.externalUrl() != null) {
      db.put("external_url", database.externalUrl());
    }
    db.put("uuid", uuid.toString());
    db.put("version", VERSION);
    files.put(path, db);
    SqlalchemyUris.password(database.sqlalchemyUri()).ifPresent(p -> passwords.put(path, p));
    return folder;
  }

  /**
   * Adds a dataset of the database in {@code databaseFolder}.
   *
   * @param dataset what the sync wants it to be
   * @param databaseUuid the database's UUID in this bundle
   * @param mainTimeColumn its main time column, or null
   * @param columnTypes SQL type per column name (the sync leaves types to Superset; an import
   *     without them would leave them empty)
   * @param withColumnsAndMetrics false: an empty shell that a later dataset update fills
   */
  public void dataset(
      String databaseFolder,
      DatasetSpec dataset,
      UUID databaseUuid,
      String mainTimeColumn,
      Map<String, String> columnTypes,
      boolean withColumnsAndMetrics) {
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("table_name", dataset.tableName());
    y.put("main_dttm_col", mainTimeColumn);
    y.put("description", dataset.description());
    y.put("default_endpoint", null);
    y.put("offset", 0);
    y.put("cache_timeout", null);
    y.put("schema", dataset.schema());
    y.put("sql", null);
    y.put("params", null);
    y.put("template_params", null);
    y.put("filter_select_enabled", true);
    y.put("fetch_values_predicate", null);
    y.put("extra", null);
    y.put("normalize_columns", false);
    y.put("always_filter_main_dttm", false);
    y.put("is_managed_externally", true);
    if (dataset.externalUrl() != null) {
      y.put("external_url", dataset.externalUrl());
    }
    y.put("uuid", dataset.uuid().toString());
    y.put("metrics", withColumnsAndMetrics ? metrics(dataset) : List.of());
    y.put("columns", withColumnsAndMetrics ? columns(dataset, columnTypes) : List.of());
    y.put("version", VERSION);
    y.put("database_uuid", databaseUuid.toString());
    files.put("datasets/" + databaseFolder + "/" + fileName(dataset.tableName()) + ".yaml", y);
  }

  private static List<Object> metrics(DatasetSpec dataset) {
    List<Object> metrics = new ArrayList<>();
    for (MetricSpec m : dataset.metrics()) {
      Map<String, Object> my = new LinkedHashMap<>();
      my.put("metric_name", m.metricName());
      my.put("verbose_name", m.verboseName());
      my.put("metric_type", null);
      my.put("expression", m.expression());
      my.put("description", m.description());
      my.put("d3format", m.d3format());
      my.put("currency", null);
      Map<String, Object> extra = null;
      if (m.certification() != null) {
        extra = new LinkedHashMap<>();
        Map<String, Object> cert = new LinkedHashMap<>();
        cert.put("certified_by", m.certification().certifiedBy());
        cert.put("details", m.certification().details());
        extra.put("certification", cert);
      }
      my.put("extra", extra);
      my.put("warning_text", m.warningText());
      metrics.add(my);
    }
    return metrics;
  }

  private static List<Object> columns(DatasetSpec dataset, Map<String, String> columnTypes) {
    List<Object> columns = new ArrayList<>();
    for (ColumnSpec c : dataset.columns()) {
      Map<String, Object> cy = new LinkedHashMap<>();
      cy.put("column_name", c.columnName());
      cy.put("verbose_name", c.verboseName());
      cy.put("is_dttm", Boolean.TRUE.equals(c.isDttm()));
      cy.put("is_active", true);
      cy.put("type", c.type() != null ? c.type() : columnTypes.get(c.columnName()));
      cy.put("advanced_data_type", null);
      cy.put("groupby", !Boolean.FALSE.equals(c.groupby()));
      cy.put("filterable", !Boolean.FALSE.equals(c.filterable()));
      cy.put("expression", null);
      cy.put("description", c.description());
      cy.put("python_date_format", null);
      cy.put("extra", null);
      columns.add(cy);
    }
    return columns;
  }

  /** Adds a file (a chart or a dashboard) at {@code path}, relative to the root folder. */
  public void put(String path, Map<String, Object> document) {
    files.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(document, "document"));
  }

  /** The files so far, path (without the root folder) → document. */
  public Map<String, Object> files() {
    return java.util.Collections.unmodifiableMap(files);
  }

  /** The bundle: the ZIP and the import's passwords. */
  public AssetBundle bundle() {
    List<String> problems = problems(files);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("wrote an invalid bundle: " + problems);
    }
    return new AssetBundle(zip(), Map.copyOf(passwords));
  }

  private byte[] zip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, Object> f : files.entrySet()) {
        ZipEntry entry = new ZipEntry(root + f.getKey());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(yaml(f.getValue()).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String yaml(Object document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file name safe on every platform: letters, digits, {@code _}, {@code -} and {@code .}. */
  public static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /**
   * Every structural problem of a bundle's files (path without the root folder → parsed YAML as
   * maps and lists): {@code metadata.yaml}, the {@link #REQUIRED} fields, an {@code extra} that is
   * a mapping, {@code params} that are a mapping, unique UUIDs, and references into the bundle
   * (datasets' database, charts' dataset, dashboards' charts and filter targets).
   */
  public static List<String> problems(Map<String, ?> files) {
    return BundleCheck.problems(files);
  }
}
