package dk.goalattainment.connector.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.superset.sync.SupersetKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DashboardBundleTest {
  private static final Path REFERENCE =
      Path.of(
          System.getProperty(
              "superset.examples", "../../shared/reference/superset/examples-configs"));
  private static final Instant T1 = Instant.parse("2026-11-22T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-23T11:30:00Z");

  /** The fields of Superset's import schemas (ImportV1*Schema); they reject any other. */
  private static final Map<String, Set<String>> KNOWN =
      dk.goalattainment.connector.superset.fake.FakeImportCheck.FIELDS;

  private static List<DashboardBundleBuilder.Bundle> bundles;

  @BeforeAll
  static void build() {
    bundles = DashboardTestSupport.builder().build(DashboardTestSupport.specs(), T1);
  }

  private static DashboardBundleBuilder.Bundle all() {
    return bundles.get(bundles.size() - 1);
  }

  @Test
  void onePerDashboardAndOneWithAll() {
    assertThat(bundles)
        .extracting(DashboardBundleBuilder.Bundle::fileName)
        .containsExactly(
            "dashboards_byraad.zip",
            "dashboards_direktion.zip",
            "dashboards_driftsomraade.zip",
            "dashboards_enhed_team.zip",
            "dashboards_all.zip");
    assertThat(all().roles()).hasSize(4);
  }

  @Test
  void theLayoutIsTheReferenceBundles() throws IOException {
    Set<String> reference;
    try (Stream<Path> s = Files.list(REFERENCE)) {
      reference =
          s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    for (DashboardBundleBuilder.Bundle b : bundles) {
      Map<String, byte[]> entries = DashboardTestSupport.entries(b.zip());
      assertThat(entries.keySet()).allMatch(n -> n.startsWith(DashboardBundleBuilder.ROOT));
      Set<String> top = new TreeSet<>();
      for (String n : entries.keySet()) {
        String rest = n.substring(DashboardBundleBuilder.ROOT.length());
        top.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
      }
      assertThat(top).as(b.name()).isEqualTo(reference);
      assertThat(entries.keySet())
          .anyMatch(n -> n.matches(".*/datasets/goal_attainment/ds_attainment\\.yaml"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyFileHasTheRequiredFieldsAndNoUnknownOnes() {
    for (DashboardBundleBuilder.Bundle b : bundles) {
      Map<String, Object> files = DashboardTestSupport.files(b.zip());
      assertThat(DashboardBundleBuilder.checkBundle(files)).as(b.name()).isEmpty();
      Map<String, Object> meta = (Map<String, Object>) files.get("metadata.yaml");
      assertThat(meta).containsEntry("version", "1.0.0").containsEntry("type", "assets");
      // quoted like the reference's, so that PyYAML reads a string, not a datetime
      assertThat(
              new String(
                  DashboardTestSupport.entries(b.zip())
                      .get(DashboardBundleBuilder.ROOT + "metadata.yaml"),
                  java.nio.charset.StandardCharsets.UTF_8))
          .contains("timestamp: \"2026-11-22T10:00:00Z\"");
      files.forEach(
          (path, doc) ->
              KNOWN.forEach(
                  (folder, known) -> {
                    if (path.startsWith(folder)) {
                      assertThat(known).as(path).containsAll(((Map<String, Object>) doc).keySet());
                    }
                  }));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void referencesPointIntoTheBundle() throws IOException {
    Map<String, Object> files = DashboardTestSupport.files(all().zip());
    Map<String, Map<String, Object>> byUuid = new HashMap<>();
    files.forEach(
        (p, d) -> {
          if (!p.equals("metadata.yaml")) {
            byUuid.put((String) ((Map<String, Object>) d).get("uuid"), (Map<String, Object>) d);
          }
        });
    Map<String, Object> db = (Map<String, Object>) files.get("databases/goal_attainment.yaml");
    assertThat(db.get("sqlalchemy_uri")).asString().doesNotContain("s3cret");
    assertThat(all().passwords()).containsEntry("databases/goal_attainment.yaml", "s3cret");
    Map<String, Object> ds =
        (Map<String, Object>) files.get("datasets/goal_attainment/ds_attainment.yaml");
    assertThat(ds.get("uuid")).isEqualTo(SupersetKeys.datasetUuid("ds_attainment").toString());
    assertThat(ds.get("database_uuid")).isEqualTo(db.get("uuid"));
    List<Map<String, Object>> metrics = (List<Map<String, Object>>) ds.get("metrics");
    assertThat(metrics)
        .filteredOn(m -> m.get("metric_name").equals("goal_attainment_avg"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m)
                  .containsEntry("d3format", ".1%")
                  .containsEntry("verbose_name", "Gns. målopfyldelse");
              assertThat((String) m.get("warning_text"))
                  .contains("ingen måling uden faglig refleksion");
              assertThat((Map<String, Object>) m.get("extra")).containsKey("certification");
            });
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<String, Object> f : files.entrySet()) {
      Map<String, Object> y = (Map<String, Object>) f.getValue();
      if (f.getKey().startsWith("charts/")) {
        assertThat(byUuid.get((String) y.get("dataset_uuid"))).containsKey("table_name");
        JsonNode qc = json.readTree((String) y.get("query_context"));
        assertThat(qc.path("queries").isArray()).isTrue();
        assertThat(qc.path("form_data").path("viz_type").asText()).isEqualTo(y.get("viz_type"));
      }
      if (f.getKey().startsWith("dashboards/")) {
        Map<String, Object> position = (Map<String, Object>) y.get("position");
        assertThat(position).containsKeys("ROOT_ID", "GRID_ID", "HEADER_ID");
        position.forEach(
            (k, node) -> {
              if (k.startsWith("CHART-")) {
                String uuid =
                    (String)
                        ((Map<String, Object>) ((Map<String, Object>) node).get("meta"))
                            .get("uuid");
                assertThat(byUuid.get(uuid)).as(k).containsKey("slice_name");
              }
            });
        assertThat(position.keySet())
            .anyMatch(k -> k.startsWith("ROW-"))
            .anyMatch(k -> k.startsWith("MARKDOWN-"));
        List<Map<String, Object>> filters =
            (List<Map<String, Object>>)
                ((Map<String, Object>) y.get("metadata")).get("native_filter_configuration");
        assertThat(filters).isNotEmpty();
        for (Map<String, Object> nf : filters) {
          for (Map<String, Object> t : (List<Map<String, Object>>) nf.get("targets")) {
            assertThat(byUuid.get((String) t.get("datasetUuid"))).containsKey("table_name");
          }
        }
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyCubeChartFixesTheDimensionsItDoesNotGroupBy() {
    Map<String, Object> files = DashboardTestSupport.files(all().zip());
    Map<String, Object> chart = (Map<String, Object>) files.get("charts/byraad_trend.yaml");
    List<Map<String, Object>> adhoc =
        (List<Map<String, Object>>)
            ((Map<String, Object>) chart.get("params")).get("adhoc_filters");
    assertThat(adhoc)
        .extracting(a -> a.get("subject") + " " + a.get("operator") + " " + a.get("comparator"))
        .contains("effect_goal != *", "life_theme == *", "goal_type == *", "via == authority")
        // target_group comes from the required native filter (default *)
        .noneMatch(s -> s.startsWith("target_group"));
    Map<String, Object> themes =
        (Map<String, Object>) files.get("charts/driftsomraade_themes.yaml");
    assertThat(
            (List<Map<String, Object>>)
                ((Map<String, Object>) themes.get("params")).get("adhoc_filters"))
        .extracting(a -> a.get("subject") + " " + a.get("operator") + " " + a.get("comparator"))
        .contains("life_theme != *", "goal_type == *")
        .noneMatch(s -> s.startsWith("effect_goal"));
  }

  @Test
  void theBuildIsDeterministicApartFromTheTimestamp() {
    List<DashboardBundleBuilder.Bundle> again =
        DashboardTestSupport.builder().build(DashboardTestSupport.specs(), T2);
    for (int i = 0; i < bundles.size(); i++) {
      Map<String, byte[]> a = DashboardTestSupport.entries(bundles.get(i).zip());
      Map<String, byte[]> b = DashboardTestSupport.entries(again.get(i).zip());
      assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
      a.forEach(
          (name, bytes) -> {
            if (!name.endsWith("/metadata.yaml")) {
              assertThat(b.get(name)).as(name).isEqualTo(bytes);
            }
          });
    }
    List<DashboardBundleBuilder.Bundle> same =
        DashboardTestSupport.builder().build(DashboardTestSupport.specs(), T1);
    for (int i = 0; i < bundles.size(); i++) {
      assertThat(same.get(i).zip()).isEqualTo(bundles.get(i).zip());
    }
  }
}
