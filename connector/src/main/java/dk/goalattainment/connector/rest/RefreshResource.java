package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.access.Scope;
import dk.goalattainment.connector.store.DatasetRefresher;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Materialises the standard datasets. */
@Path("/api/v1/refresh")
@Tag(name = "refresh", description = "Materialise the standard datasets")
@SecurityRequirement(name = "bearer")
public class RefreshResource {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshResource.class);
  private final ConnectorRuntime runtime;
  private final PublicFiguresWarmer publicFigures;

  RefreshResource(ConnectorRuntime runtime, PublicFiguresWarmer publicFigures) {
    this.runtime = runtime;
    this.publicFigures = publicFigures;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Refresh the standard datasets",
      description =
          "Refreshes the dataset tables from the engine in one transaction (incrementally when it"
              + " can, as `connector refresh` does) and answers when done, with the kind of refresh"
              + " and why, the rows per table and the data's as-of date; each stage is logged."
              + " Needs a bearer token with the write scope. A stored record with a date no period"
              + " can hold stops it with 409, naming the record; so does a refresh while another"
              + " one runs.")
  public Map<String, Object> refresh() {
    runtime.access().require(Callers.current(), Scope.WRITE);
    DatasetRefresher.Result result = runtime.refresh(step -> LOG.info("refresh: {}", step));
    publicFigures.warm();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("refreshed_at", result.refreshedAt());
    body.put("seconds", result.took().toMillis() / 1000.0);
    body.put("kind", result.kind().name().toLowerCase(java.util.Locale.ROOT));
    body.put("reason", result.reason());
    body.put("rows", result.rows());
    body.put("as_of", result.asOf());
    return body;
  }
}
