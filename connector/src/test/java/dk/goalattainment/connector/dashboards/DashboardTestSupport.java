package dk.goalattainment.connector.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Shared fixtures of the dashboard tests: the repository's definitions and specs, ZIP reading. */
final class DashboardTestSupport {
  static final String URI = "postgresql+psycopg2://superset_reader:s3cret@db:5432/goals";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static Definitions definitions;
  private static List<DashboardSpec> specs;

  private DashboardTestSupport() {}

  static synchronized Definitions definitions() {
    if (definitions == null) {
      definitions =
          CheckedDefinitions.load(
                  new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
              .definitions();
    }
    return definitions;
  }

  static Path dashboardsDir() {
    return Path.of(System.getProperty("dashboards.dir", "../dashboards"));
  }

  static synchronized List<DashboardSpec> specs() {
    if (specs == null) {
      specs = DashboardSpecs.load(dashboardsDir());
    }
    return specs;
  }

  static DashboardBundleBuilder builder() {
    return new DashboardBundleBuilder(
        definitions(), new DashboardBundleBuilder.Database("goal_attainment", URI, null));
  }

  /** The ZIP's entries, name → bytes, in order. */
  static Map<String, byte[]> entries(byte[] zip) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The bundle's files without the root folder, parsed. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> files(byte[] zip) {
    Map<String, Object> out = new LinkedHashMap<>();
    entries(zip)
        .forEach(
            (name, bytes) -> {
              try {
                out.put(name.substring(name.indexOf('/') + 1), YAML.readValue(bytes, Map.class));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return out;
  }
}
