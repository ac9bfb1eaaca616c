package dk.goalattainment.connector.superset.sync;

/**
 * A metric's certification, stored in the metric's {@code extra} JSON as {@code {"certification":
 * {"certified_by": …, "details": …}}}; Superset shows it as a badge.
 */
public record Certification(String certifiedBy, String details) {
  public Certification {
    DatabaseSpec.requireText(certifiedBy, "certified_by");
  }
}
