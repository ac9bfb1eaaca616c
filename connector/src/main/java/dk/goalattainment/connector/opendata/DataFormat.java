package dk.goalattainment.connector.opendata;

import java.util.Locale;

/** The formats the open-data tables are published in, with their registry identifiers. */
public enum DataFormat {
  CSV("csv", "text/csv"),
  JSON("json", "application/json"),
  PARQUET("parquet", "application/vnd.apache.parquet");

  private final String extension;
  private final String mediaType;

  DataFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /** The file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** The IANA media type, e.g. {@code text/csv}. */
  public String mediaType() {
    return mediaType;
  }

  /** The media type as DCAT-AP-DK wants it: a URI in IANA's register. */
  public String mediaTypeUri() {
    return "https://www.iana.org/assignments/media-types/" + mediaType;
  }

  /** The format in the EU file-type authority list, e.g. {@code …/file-type/CSV}. */
  public String fileTypeUri() {
    return "http://publications.europa.eu/resource/authority/file-type/" + name();
  }

  /** The format label CKAN shows: {@code CSV}, {@code JSON}, {@code PARQUET}. */
  public String label() {
    return name().toUpperCase(Locale.ROOT);
  }
}
