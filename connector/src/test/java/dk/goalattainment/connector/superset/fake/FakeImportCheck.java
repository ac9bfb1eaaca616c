package dk.goalattainment.connector.superset.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What Superset's assets import refuses, in its order: first the marshmallow validation of every
 * file (422 "Error importing assets": an unknown field, a field its schema requires, a mapping that
 * is not one), then the import itself, one transaction in which any exception becomes 500 "Import
 * failed for an unknown reason" (LIVE-FACTS.md): a field the importers read unconditionally is
 * missing, a reference points outside the bundle, or a database name exists under another UUID.
 */
public final class FakeImportCheck {
  /** The fields of Superset's import schemas (ImportV1*Schema); they reject any other. */
  public static final Map<String, Set<String>> FIELDS =
      Map.of(
          "databases/",
          Set.of(
              "database_name",
              "sqlalchemy_uri",
              "password",
              "cache_timeout",
              "expose_in_sqllab",
              "allow_run_async",
              "allow_ctas",
              "allow_cvas",
              "allow_dml",
              "allow_csv_upload",
              "allow_file_upload",
              "extra",
              "uuid",
              "version",
              "is_managed_externally",
              "external_url",
              "impersonate_user",
              "ssh_tunnel",
              "encrypted_extra"),
          "datasets/",
          Set.of(
              "table_name",
              "main_dttm_col",
              "description",
              "default_endpoint",
              "offset",
              "cache_timeout",
              "catalog",
              "schema",
              "sql",
              "params",
              "template_params",
              "filter_select_enabled",
              "fetch_values_predicate",
              "extra",
              "uuid",
              "columns",
              "metrics",
              "version",
              "database_uuid",
              "data",
              "is_managed_externally",
              "external_url",
              "normalize_columns",
              "always_filter_main_dttm",
              "folders"),
          "charts/",
          Set.of(
              "slice_name",
              "description",
              "certified_by",
              "certification_details",
              "viz_type",
              "params",
              "query_context",
              "cache_timeout",
              "uuid",
              "version",
              "dataset_uuid",
              "is_managed_externally",
              "external_url",
              "tags"),
          "dashboards/",
          Set.of(
              "dashboard_title",
              "description",
              "css",
              "slug",
              "uuid",
              "position",
              "metadata",
              "version",
              "is_managed_externally",
              "external_url",
              "certified_by",
              "certification_details",
              "published",
              "tags"));

  /** Fields whose absence the schemas refuse (422). */
  static final Map<String, List<String>> SCHEMA_REQUIRED =
      Map.of(
          "databases/", List.of("database_name", "version"),
          "datasets/", List.of("table_name", "version"),
          "charts/", List.of("slice_name", "version", "dataset_uuid"),
          "dashboards/", List.of("dashboard_title", "version"));

  /** Fields the importers read unconditionally (LIVE-FACTS.md): without one, 500. */
  static final Map<String, List<String>> READ_UNCONDITIONALLY =
      Map.of(
          "databases/", List.of("uuid", "sqlalchemy_uri", "allow_csv_upload", "extra"),
          "datasets/", List.of("uuid", "database_uuid"),
          "charts/", List.of("params", "viz_type", "uuid"),
          "dashboards/", List.of("uuid", "position", "metadata"));

  /** Fields that must be mappings when present (marshmallow Dict or Nested). */
  static final Map<String, List<String>> MAPPINGS =
      Map.of(
          "databases/", List.of("extra"),
          "datasets/", List.of(),
          "charts/", List.of("params"),
          "dashboards/", List.of("position", "metadata"));

  private FakeImportCheck() {}

  /**
   * Superset's refusal of a bundle, or null when it imports.
   *
   * @param configs the bundle's files (root folder removed), parsed
   * @param nameTaken whether a database name exists under another UUID
   */
  static FakeSuperset.Response check(
      Map<String, JsonNode> configs, BiPredicate<String, String> nameTaken) {
    for (Map.Entry<String, JsonNode> c : configs.entrySet()) {
      String folder = folder(c.getKey());
      if (folder == null) {
        continue;
      }
      JsonNode y = c.getValue();
      String problem =
          FakeSuperset.unknownFields(y, FIELDS.get(folder), SCHEMA_REQUIRED.get(folder));
      if (problem == null) {
        for (String mapping : MAPPINGS.get(folder)) {
          if (y.hasNonNull(mapping) && !y.get(mapping).isObject()) {
            problem = mapping + ": Not a valid mapping type.";
          }
        }
      }
      if (problem != null) {
        return FakeSuperset.importError(c.getKey() + ": " + problem);
      }
    }
    Set<String> databases = new HashSet<>();
    Set<String> datasets = new HashSet<>();
    for (Map.Entry<String, JsonNode> c : configs.entrySet()) {
      String folder = folder(c.getKey());
      if (folder == null) {
        continue;
      }
      JsonNode y = c.getValue();
      for (String field : READ_UNCONDITIONALLY.get(folder)) {
        if (!y.has(field)) {
          return failed(); // KeyError in the importer
        }
      }
      if (folder.equals("databases/")) {
        if (nameTaken.test(y.path("database_name").asText(), y.path("uuid").asText())) {
          return failed(); // IntegrityError: the name is unique
        }
        databases.add(y.path("uuid").asText());
      }
      if (folder.equals("datasets/")) {
        datasets.add(y.path("uuid").asText());
      }
    }
    for (Map.Entry<String, JsonNode> c : configs.entrySet()) {
      JsonNode y = c.getValue();
      if (c.getKey().startsWith("datasets/")
          && !databases.contains(y.path("database_uuid").asText())) {
        return failed();
      }
      if (c.getKey().startsWith("charts/") && !datasets.contains(y.path("dataset_uuid").asText())) {
        return failed();
      }
    }
    return null;
  }

  private static String folder(String path) {
    for (String folder : FIELDS.keySet()) {
      if (path.startsWith(folder)) {
        return folder;
      }
    }
    return null;
  }

  /** What Superset answers when anything fails inside the import (its CommandException handler). */
  static FakeSuperset.Response failed() {
    ObjectNode error = FakeSuperset.obj();
    error.put("message", "Import failed for an unknown reason");
    error.put("error_type", "GENERIC_COMMAND_ERROR");
    error.put("level", "error");
    error.set("extra", FakeSuperset.obj());
    ObjectNode out = FakeSuperset.obj();
    out.putArray("errors").add(error);
    return FakeSuperset.json(500, out);
  }
}
