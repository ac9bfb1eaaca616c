package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.access.AccessPolicy;
import dk.goalattainment.connector.core.access.Caller;
import dk.goalattainment.connector.factsheet.FactSheetService.Variant;

/**
 * Which fact sheet a caller of {@code GET /api/v1/factsheet} gets, asked of the one access policy
 * ({@link AccessPolicy#figures}) with the decoded org parameter:
 *
 * <ul>
 *   <li>{@code public=true}, an anonymous caller, or a token without the {@code read} scope: the
 *       public sheet, built only from the disclosure-controlled open-data figures (domain.md §4);
 *   <li>a token with {@code read} whose org subtrees hold the node (or that is not limited to
 *       orgs): the full sheet;
 *   <li>a read token limited to other subtrees: 403, naming no unit.
 * </ul>
 *
 * An invalid token never gets here: the authentication filter answers it with 401.
 */
final class FactSheetAccess {
  private FactSheetAccess() {}

  static Variant variant(AccessPolicy access, Caller caller, String org, boolean publicAsked) {
    if (publicAsked) {
      return Variant.PUBLIC;
    }
    return switch (access.figures(caller, org)) {
      case FULL -> Variant.FULL;
      case PUBLIC -> Variant.PUBLIC;
      case FORBIDDEN -> throw AccessPolicy.outsideOrgs();
    };
  }
}
