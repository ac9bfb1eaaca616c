package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.access.Scope;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.IngestCounts;
import dk.goalattainment.connector.core.ingest.RecordKind;
import dk.goalattainment.connector.ingest.CsvRecords;
import dk.goalattainment.connector.ingest.JsonRecords;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.HttpServerConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Locale;

/**
 * All-or-nothing ingest of one record kind per request. Needs a bearer token with the write scope.
 * The body is streamed into the ingest (never held in memory whole) up to {@code
 * micronaut.server.max-request-size} (512 MiB by default); a larger body is a 413 problem.
 */
@Path("/api/v1/ingest")
@Tag(name = "ingest", description = "Load org units, goals and follow-ups")
@SecurityRequirement(name = "bearer")
public class IngestResource {
  private final ConnectorRuntime runtime;
  private final long maxBodySize;

  public IngestResource(ConnectorRuntime runtime, HttpServerConfiguration server) {
    this.runtime = runtime;
    this.maxBodySize = server.getMaxRequestSize();
  }

  @POST
  @Path("/{kind}")
  @Consumes({"text/csv", MediaType.APPLICATION_JSON})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "ingest",
      summary = "Ingest org-units, goals or followups",
      description =
          "The body is CSV (header row, ',' or ';', UTF-8 or Windows-1252) or a JSON array of"
              + " objects. All-or-nothing: any invalid record and nothing is stored; the 422"
              + " problem lists every bad row and field, never a value. Records whose id is"
              + " stored replace it. Needs a bearer token with the write scope. The body is"
              + " streamed, up to 512 MiB (micronaut.server.max-request-size): 413 beyond; an empty"
              + " body is 400.",
      requestBody =
          @RequestBody(
              required = true,
              description =
                  "The records: CSV with a header row of the field names, or a JSON array of"
                      + " objects with the same names (domain.md §2)",
              content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    array = @ArraySchema(schema = @Schema(type = "object")))
              }))
  @ApiProblems.Always
  @ApiProblems.NotFound
  @ApiProblems.BadBody
  public IngestResult ingest(
      @Parameter(
              description = "The record kind",
              schema = @Schema(allowableValues = {"org-units", "goals", "followups"}))
          @PathParam("kind")
          String kind,
      @HeaderParam("Content-Type") String contentType,
      @Nullable InputStream stream) {
    runtime.access().require(Callers.current(), Scope.WRITE);
    RecordKind recordKind = kind(kind);
    InputStream body = RequestBodies.limited(stream, maxBodySize);
    boolean json =
        contentType != null
            && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_JSON);
    IngestBatch batch =
        switch (recordKind) {
          case ORG_UNITS ->
              IngestBatch.ofOrgUnits(json ? JsonRecords.orgUnits(body) : CsvRecords.orgUnits(body));
          case GOALS ->
              IngestBatch.ofGoals(json ? JsonRecords.goals(body) : CsvRecords.goals(body));
          case FOLLOWUPS ->
              IngestBatch.ofFollowUps(
                  json ? JsonRecords.followUps(body) : CsvRecords.followUps(body));
        };
    IngestCounts counts = runtime.ingest().ingest(batch);
    IngestCounts.KindCounts c = counts.of(recordKind);
    // an ingest always makes the datasets stale until a refresh
    return new IngestResult(recordKind.label(), c.received(), c.inserted(), c.replaced(), false);
  }

  private static RecordKind kind(String text) {
    for (RecordKind k : RecordKind.values()) {
      if (k.label().equals(text)) {
        return k;
      }
    }
    throw new ConnectorException(
        ErrorCode.NOT_FOUND, "Ingest endpoints are org-units, goals and followups.");
  }
}
