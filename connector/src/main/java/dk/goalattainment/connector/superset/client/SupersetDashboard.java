package dk.goalattainment.connector.superset.client;

import java.util.List;

/**
 * A dashboard as {@code GET /api/v1/dashboard/{slug}} shows it.
 *
 * @param id Superset's id
 * @param slug the slug
 * @param certificationDetails {@code certification_details} (the connector keeps its bundle
 *     fingerprint there), empty when none
 * @param roles the roles that may open it
 */
public record SupersetDashboard(
    int id, String slug, String certificationDetails, List<Role> roles) {
  public SupersetDashboard {
    certificationDetails = certificationDetails == null ? "" : certificationDetails;
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
