package dk.goalattainment.connector.opendata;

import java.util.Objects;

/**
 * One published file of the dataset.
 *
 * @param accessUrl where the file (or a page giving access to it) is
 * @param downloadUrl the direct link to the file, or null
 * @param byteSize the file's size in bytes, or null
 */
public record DcatDistribution(
    DataFormat format, String title, String accessUrl, String downloadUrl, Long byteSize) {
  public DcatDistribution {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(accessUrl, "accessUrl");
  }
}
