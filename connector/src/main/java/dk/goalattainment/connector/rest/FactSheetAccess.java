package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ApiProperties;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.factsheet.FactSheetService.Variant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Which fact sheet a caller of {@code GET /api/v1/factsheet} gets — the one place that decides it,
 * so that it can follow the caller model of issue 10 (tokens with scopes and org subtrees) when
 * that lands. Today:
 *
 * <ul>
 *   <li>no {@code Authorization} header (anonymous), or {@code public=true}: the public sheet,
 *       built only from the disclosure-controlled open-data figures;
 *   <li>{@code Authorization: Bearer <connector.api.token>}: the full sheet;
 *   <li>any other {@code Authorization} header: 401, rather than quietly a different sheet.
 * </ul>
 *
 * Never the full sheet without the configured token: unsuppressed figures are not for anonymous
 * callers (domain.md §4).
 */
final class FactSheetAccess {
  private FactSheetAccess() {}

  static Variant variant(String authorization, ApiProperties api, boolean publicAsked) {
    if (publicAsked || authorization == null || authorization.isBlank()) {
      return Variant.PUBLIC;
    }
    String token = api.token();
    if (token == null || token.isBlank()) {
      throw new ConnectorException(
          ErrorCode.UNAUTHORIZED,
          "No bearer token is configured (CONNECTOR_API_TOKEN): only the public fact sheet is"
              + " served; leave out the Authorization header to get it.");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || !MessageDigest.isEqual(
            authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8))) {
      throw new ConnectorException(
          ErrorCode.UNAUTHORIZED,
          "A valid bearer token is required for the full fact sheet (Authorization: Bearer …);"
              + " without the header the public one is served.");
    }
    return Variant.FULL;
  }
}
