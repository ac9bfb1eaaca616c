package dk.goalattainment.connector.opendata;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to publish as a resource of the dataset. The resource is found again by its {@code name}
 * (e.g. {@code attainment.csv}), which must be unique within the dataset.
 */
public record CkanResource(
    String name, String description, String format, String mediaType, Path file) {
  public CkanResource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(file, "file");
  }

  /** A table file in one of the published formats, named by its file name. */
  public static CkanResource of(Path file, DataFormat format, String description) {
    return new CkanResource(
        file.getFileName().toString(), description, format.label(), format.mediaType(), file);
  }
}
