package dk.goalattainment.connector.dashboards;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the dashboard specs: from a directory given on the command line, else the copy of {@code
 * dashboards/} that the build ships in the jar (so {@code dashboards build} and the sync work from
 * any folder).
 */
public final class DashboardSpecs {
  private static final String BUNDLED = "/dashboards";

  private static final ObjectMapper READER =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private DashboardSpecs() {}

  /** The specs in {@code directory}, or the bundled ones when it is null; in file name order. */
  public static List<DashboardSpec> load(Path directory) {
    return directory == null ? bundled() : fromDirectory(directory);
  }

  /** Every {@code *.yaml} in {@code directory}, in file name order. */
  public static List<DashboardSpec> fromDirectory(Path directory) {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID, "Cannot read the dashboards in " + directory, e);
    }
    List<DashboardSpec> specs = new ArrayList<>();
    for (Path f : files) {
      try {
        specs.add(parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
      } catch (IOException e) {
        throw new ConnectorException(ErrorCode.DEFINITION_INVALID, "Cannot read " + f, e);
      }
    }
    return specs;
  }

  /** The specs shipped in the jar under {@code dashboards/}. */
  public static List<DashboardSpec> bundled() {
    List<DashboardSpec> specs = new ArrayList<>();
    try {
      for (String name : DefinitionFiles.listClasspath(BUNDLED)) {
        String resource = BUNDLED + "/" + name;
        try (InputStream in = DashboardSpecs.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IOException("not found");
          }
          specs.add(
              parse(
                  new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource));
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID, "Cannot read the bundled dashboards: " + e.getMessage(), e);
    }
    return specs;
  }

  /** Reads one spec; its slug must be its file name. */
  public static DashboardSpec parse(String yaml, String source) {
    DashboardSpec spec;
    try {
      spec = READER.readValue(yaml, DashboardSpec.class);
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID, source + ": not a dashboard spec: " + e.getMessage(), e);
    }
    String normal = source.replace('\\', '/');
    String file = normal.substring(normal.lastIndexOf('/') + 1).replaceFirst("\\.yaml$", "");
    if (spec == null || !file.equals(spec.slug())) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          source
              + ": slug '"
              + (spec == null ? null : spec.slug())
              + "' must be the file name '"
              + file
              + "'");
    }
    return spec;
  }
}
