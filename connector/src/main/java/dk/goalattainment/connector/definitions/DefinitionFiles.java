package dk.goalattainment.connector.definitions;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the definition files are: a directory given in configuration, else the copy of {@code
 * dataset-definitions/} that the build ships in the jar under {@code definitions/}.
 */
public record DefinitionFiles(Path directory) {
  /** The files shipped in the jar. */
  public static DefinitionFiles bundled() {
    return new DefinitionFiles(null);
  }

  /** A name for messages: the file's path, or {@code classpath:definitions/NAME}. */
  public String describe(String name) {
    return directory == null ? "classpath:definitions/" + name : directory.resolve(name).toString();
  }

  /** The names (relative, e.g. {@code datasets/attainment.yaml}) of the YAML files in a folder. */
  public List<String> list(String folder) {
    try {
      if (directory != null) {
        Path dir = directory.resolve(folder);
        if (!Files.isDirectory(dir)) {
          return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
          return yamlNames(files).stream().map(n -> folder + "/" + n).toList();
        }
      }
      return listClasspath("/definitions/" + folder).stream().map(n -> folder + "/" + n).toList();
    } catch (IOException | URISyntaxException e) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "Cannot list the definition folder " + describe(folder) + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * The names of the YAML files in a classpath folder (in the jar or on disk), sorted; empty when
   * the folder does not exist.
   */
  public static List<String> listClasspath(String resourceFolder)
      throws IOException, URISyntaxException {
    URL url = DefinitionFiles.class.getResource(resourceFolder);
    if (url == null) {
      return List.of();
    }
    URI uri = url.toURI();
    if ("jar".equals(uri.getScheme())) {
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of());
          Stream<Path> files = Files.list(jar.getPath(resourceFolder))) {
        return yamlNames(files);
      }
    }
    try (Stream<Path> files = Files.list(Path.of(uri))) {
      return yamlNames(files);
    }
  }

  private static List<String> yamlNames(Stream<Path> files) {
    return files
        .map(f -> f.getFileName().toString())
        .filter(n -> n.endsWith(".yaml"))
        .sorted()
        .toList();
  }

  /** Whether a definition file exists. */
  public boolean exists(String name) {
    if (directory != null) {
      return Files.exists(directory.resolve(name));
    }
    return DefinitionFiles.class.getResource("/definitions/" + name) != null;
  }

  /** The text of one definition file. */
  public String read(String name) {
    try {
      if (directory != null) {
        return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
      }
      try (InputStream in = DefinitionFiles.class.getResourceAsStream("/definitions/" + name)) {
        if (in == null) {
          throw new IOException("not found");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "Cannot read the definition file " + describe(name) + ": " + e.getMessage(),
          e);
    }
  }
}
