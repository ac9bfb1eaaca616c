package dk.goalattainment.connector.definitions;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
