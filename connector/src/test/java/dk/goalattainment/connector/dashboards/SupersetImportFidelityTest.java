package dk.goalattainment.connector.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.goalattainment.connector.superset.client.SupersetApiException;
import dk.goalattainment.connector.superset.client.SupersetClient;
import dk.goalattainment.connector.superset.sync.BundleWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundles carry every field that Superset's importers read unconditionally
 * (../shared/reference/superset/LIVE-FACTS.md), and the fake Superset refuses a bundle without one
 * the way Superset does: 500 "Import failed for an unknown reason", nothing imported; the client
 * does not send it again and names the likely cause.
 */
class SupersetImportFidelityTest {
  @RegisterExtension
  static final dk.goalattainment.connector.superset.fake.SupersetHarness superset =
      new dk.goalattainment.connector.superset.fake.SupersetHarness();

  /** LIVE-FACTS.md: the fields each importer reads unconditionally. */
  private static final Map<String, List<String>> READ_UNCONDITIONALLY =
      Map.of(
          "databases/", List.of("uuid", "sqlalchemy_uri", "allow_csv_upload", "extra"),
          "datasets/", List.of("uuid", "database_uuid"),
          "charts/", List.of("params", "viz_type", "uuid"),
          "dashboards/", List.of("uuid", "position", "metadata"));

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Map<String, Object> files() {
    return DashboardTestSupport.files(
        DashboardTestSupport.builder()
            .buildAll(DashboardTestSupport.specs(), Instant.parse("2026-11-27T10:00:00Z"))
            .zip());
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyFileOfEveryBundleCarriesWhatTheImportersReadUnconditionally() {
    for (DashboardBundleBuilder.Bundle b :
        DashboardTestSupport.builder().build(DashboardTestSupport.specs(), Instant.EPOCH)) {
      Map<String, Object> files = DashboardTestSupport.files(b.zip());
      READ_UNCONDITIONALLY.forEach(
          (folder, fields) -> {
            assertThat(files.keySet()).as(b.name()).anyMatch(p -> p.startsWith(folder));
            files.forEach(
                (path, doc) -> {
                  if (path.startsWith(folder)) {
                    assertThat((Map<String, Object>) doc)
                        .as(path)
                        .containsKeys(fields.toArray(String[]::new));
                  }
                });
          });
      Map<String, Object> db = (Map<String, Object>) files.get("databases/goal_attainment.yaml");
      assertThat(db.get("extra")).as("extra is a mapping").isInstanceOf(Map.class);
      files.forEach(
          (path, doc) -> {
            if (path.startsWith("charts/")) {
              assertThat(((Map<String, Object>) doc).get("params"))
                  .as(path)
                  .isInstanceOf(Map.class);
            }
          });
    }
  }

  @Test
  void theFakeImportsTheCompleteBundle() {
    try (SupersetClient client = superset.client()) {
      client.importAssets(zip(files()), Map.of("databases/goal_attainment.yaml", "s3cret"));
    }
    assertThat(superset.fake().importedFiles()).contains("dashboards/byraad.yaml");
  }

  @ParameterizedTest(name = "{0}{1} missing")
  @CsvSource({
    "databases/,uuid",
    "databases/,sqlalchemy_uri",
    "databases/,allow_csv_upload",
    "databases/,extra",
    "datasets/,uuid",
    "datasets/,database_uuid",
    "charts/,params",
    "charts/,viz_type",
    "charts/,uuid",
    "dashboards/,uuid",
    "dashboards/,position",
    "dashboards/,metadata"
  })
  @SuppressWarnings("unchecked")
  void theFakeRefusesABundleWithoutAFieldSupersetReadsUnconditionally(String folder, String field) {
    Map<String, Object> files = files();
    String path =
        files.keySet().stream().filter(p -> p.startsWith(folder)).findFirst().orElseThrow();
    Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>) files.get(path));
    doc.remove(field);
    files.put(path, doc);
    assertThat(BundleWriter.problems(files)).as("the writer's own check sees it").isNotEmpty();

    try (SupersetClient client = superset.client()) {
      assertThatThrownBy(() -> client.importAssets(zip(files), Map.of()))
          .isInstanceOfSatisfying(
              SupersetApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.supersetMessage()).isEqualTo("Import failed for an unknown reason");
                assertThat(e.getMessage()).contains("not sent again", field);
              });
    }
    assertThat(superset.calls().stream().filter(c -> c.equals("POST /api/v1/assets/import/")))
        .hasSize(1);
    assertThat(superset.fake().importedFiles()).isEmpty();
    assertThat(superset.fake().databases()).isEmpty();
    assertThat(superset.fake().datasets()).isEmpty();
  }

  private static byte[] zip(Map<String, Object> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, Object> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry("bundle/" + f.getKey()));
        zip.write(YAML.writeValueAsString(f.getValue()).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }
}
