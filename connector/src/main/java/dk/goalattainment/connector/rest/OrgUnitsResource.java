package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.formats.OrgUnitListing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The org units: the ids that {@code org} parameters take. Administrative data without any figure,
 * so public.
 */
@Path("/api/v1/org-units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "org-units", description = "The org tree: ids, names, parents, roles, validity")
public class OrgUnitsResource {
  private final ConnectorRuntime runtime;

  public OrgUnitsResource(ConnectorRuntime runtime) {
    this.runtime = runtime;
  }

  @GET
  @Operation(
      operationId = "listOrgUnits",
      summary = "Every org unit, in tree order",
      description =
          "`{\"units\": [...]}`: each unit's `unit_id`, `name`, `parent_id` (null at a root),"
              + " `role` (myndighed, udfoerer, ekstern, or null for a grouping node),"
              + " `valid_from`, `valid_to` (null while open) and `depth` (0 at a root); parents"
              + " before their children. The same list as `connector units`. Public: no"
              + " figures.")
  @ApiProblems.Always
  public OrgUnitListing list() {
    return OrgUnitListing.of(runtime.reader().orgUnits());
  }
}
