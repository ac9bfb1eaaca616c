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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Superset v1 import bundle (ZIP of YAML files under one root folder, which Superset drops) for
 * the assets import: {@code metadata.yaml}, the database and datasets. The database URI's password
 * is masked in the YAML and goes in {@link #passwords()} instead, keyed by the database file's path
 * without the root folder, as {@code POST /api/v1/assets/import/} expects.
 *
 * @param zip the bundle
 * @param passwords the {@code passwords} form field's map (empty when the URI has no password)
 */
record AssetBundle(byte[] zip, Map<String, String> passwords) {
  private static final String ROOT = "goal_attainment_bundle/";
  private static final String VERSION = "1.0.0";
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  /**
   * A bundle with the database (under {@code databaseUuid}, the UUID Superset knows it by) and new
   * datasets without columns or metrics; the sync adds those with a dataset update, which also sets
   * their UUIDs.
   */
  static AssetBundle of(DatabaseSpec database, UUID databaseUuid, List<DatasetSpec> datasets) {
    String databaseFile = "databases/" + fileName(database.name()) + ".yaml";
    Map<String, String> files = new LinkedHashMap<>();

    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("version", VERSION);
    metadata.put("type", "assets");
    metadata.put("timestamp", Instant.now().toString());
    files.put("metadata.yaml", yaml(metadata));

    Map<String, Object> db = new LinkedHashMap<>();
    db.put("database_name", database.name());
    db.put("sqlalchemy_uri", SqlalchemyUris.maskPassword(database.sqlalchemyUri()));
    db.put("expose_in_sqllab", database.exposeInSqllab());
    db.put("is_managed_externally", true);
    db.put("external_url", database.externalUrl());
    db.put("uuid", databaseUuid.toString());
    db.put("version", VERSION);
    files.put(databaseFile, yaml(db));

    for (DatasetSpec d : datasets) {
      Map<String, Object> ds = new LinkedHashMap<>();
      ds.put("table_name", d.tableName());
      ds.put("schema", d.schema());
      ds.put("description", d.description());
      ds.put("is_managed_externally", true);
      ds.put("external_url", d.externalUrl());
      ds.put("uuid", d.uuid().toString());
      ds.put("database_uuid", databaseUuid.toString());
      ds.put("columns", List.of());
      ds.put("metrics", List.of());
      ds.put("version", VERSION);
      files.put(
          "datasets/" + fileName(database.name()) + "/" + fileName(d.tableName()) + ".yaml",
          yaml(ds));
    }

    Map<String, String> passwords = new LinkedHashMap<>();
    SqlalchemyUris.password(database.sqlalchemyUri())
        .ifPresent(p -> passwords.put(databaseFile, p));
    return new AssetBundle(zip(files), Map.copyOf(passwords));
  }

  /** A file name safe on every platform: letters, digits, {@code _}, {@code -} and {@code .}. */
  static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static String yaml(Map<String, Object> document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] zip(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(ROOT + f.getKey()));
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public String toString() {
    return "AssetBundle[" + zip.length + " bytes, passwords for " + passwords.keySet() + "]";
  }
}
