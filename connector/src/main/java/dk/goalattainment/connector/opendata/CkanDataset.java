package dk.goalattainment.connector.opendata;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The dataset to create or update in CKAN, found again by its stable {@code name} (the last part of
 * its URL).
 *
 * @param name 2–100 characters: lower-case letters, digits, {@code -} and {@code _}
 * @param ownerOrg the organisation's name or id
 * @param notes the description (CKAN renders Markdown)
 * @param licenseId CKAN's licence id, e.g. {@link #LICENSE_CC_BY}
 * @param extras custom key/value fields; only these keys are managed, others are kept
 */
public record CkanDataset(
    String name,
    String ownerOrg,
    String title,
    String notes,
    String licenseId,
    List<String> tags,
    Map<String, String> extras,
    List<CkanResource> resources) {

  /** CKAN's licence id for Creative Commons Attribution (CC BY). */
  public static final String LICENSE_CC_BY = "cc-by";

  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{2,100}");

  public CkanDataset {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST,
          "The CKAN dataset name must be 2-100 lower-case letters, digits, '-' or '_'; got '"
              + name
              + "'");
    }
    Objects.requireNonNull(ownerOrg, "ownerOrg");
    Objects.requireNonNull(title, "title");
    notes = notes == null ? "" : notes;
    Objects.requireNonNull(licenseId, "licenseId");
    tags = List.copyOf(tags);
    extras = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    resources = List.copyOf(resources);
    if (resources.stream().map(CkanResource::name).distinct().count() != resources.size()) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "Two resources of the CKAN dataset have the same name");
    }
  }
}
