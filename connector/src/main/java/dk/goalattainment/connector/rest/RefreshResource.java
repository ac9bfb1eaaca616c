package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.access.Caller;
import dk.goalattainment.connector.core.access.Scope;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;

/**
 * Refreshes the standard datasets as jobs ({@link RefreshJobs}): a POST starts one and answers 202
 * with its status at once (or, asked to wait, when it has finished); the job is read while it runs.
 */
@Path("/api/v1/refresh")
@Tag(
    name = "refresh",
    description =
        "Materialise the standard datasets, as a job: POST starts it, GET its href follows it")
@SecurityRequirement(name = "bearer")
public class RefreshResource {
  /** The longest a POST may wait for its job, in seconds. */
  static final int MAX_WAIT = 300;

  private final ConnectorRuntime runtime;
  private final RefreshJobs jobs;

  RefreshResource(ConnectorRuntime runtime, RefreshJobs jobs) {
    this.runtime = runtime;
    this.jobs = jobs;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "startRefresh",
      summary = "Start a refresh of the standard datasets",
      description =
          "Starts a job that refreshes the dataset tables from the engine in one transaction"
              + " (incrementally when it can, as `connector refresh` does; `full=true` forces a"
              + " full one) and"
              + " answers at once: 202 with the job's status and its address in Location; GET it"
              + " to follow its stages and read its result (rows per table) or its problem. Needs"
              + " a bearer token with the write scope. One refresh at a time: while one is queued"
              + " or running, another POST is 409 naming it. `wait=N` waits up to N seconds for"
              + " the job: finished in time, it answers 200 with the job, or, when the job"
              + " failed, with the job's problem (e.g. 409 for a stored record with a date no"
              + " period can hold, naming it); still running, 202 as without wait.",
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "The job was started (and, with wait, has not finished yet)",
            headers =
                @Header(
                    name = "Location",
                    description = "The job: /api/v1/refresh/jobs/{id}",
                    schema = @Schema(type = "string")),
            content =
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RefreshJobViews.RefreshJobView.class))),
        @ApiResponse(
            responseCode = "200",
            description = "Asked to wait: the job succeeded in time",
            headers =
                @Header(
                    name = "Content-Location",
                    description = "The job: /api/v1/refresh/jobs/{id}",
                    schema = @Schema(type = "string")),
            content =
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RefreshJobViews.RefreshJobView.class)))
      })
  @ApiProblems.Always
  @ApiProblems.Conflict
  public Response refresh(
      @Parameter(
              description =
                  "Seconds to wait for the job to finish before answering, 0-"
                      + MAX_WAIT
                      + " (default 0: answer at once)",
              schema = @Schema(minimum = "0", maximum = "" + MAX_WAIT))
          @QueryParam("wait")
          @DefaultValue("0")
          int wait,
      @Parameter(
              description =
                  "true forces a full refresh; by default it is incremental when it can be"
                      + " (as `connector refresh` and `refresh --full`)")
          @QueryParam("full")
          @DefaultValue("false")
          boolean full) {
    runtime.access().require(Callers.current(), Scope.WRITE);
    if (wait < 0 || wait > MAX_WAIT) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "wait must be 0-" + MAX_WAIT + " seconds");
    }
    RefreshJob job = jobs.start(Callers.current(), full);
    if (wait > 0 && jobs.await(job, Duration.ofSeconds(wait))) {
      if (job.problem() != null) {
        throw new Problems.Answered(job.failure(), job.problem());
      }
      return Response.ok(job.view())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Content-Location", job.href())
          .build();
    }
    return Response.accepted(job.view())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .location(URI.create(job.href()))
        .build();
  }

  @GET
  @Path("/jobs")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "listRefreshJobs",
      summary = "The refresh jobs this process keeps, newest first",
      description =
          "The last "
              + RefreshJobs.KEPT
              + " jobs since the service started (jobs live in the service's memory). Needs a"
              + " bearer token with the read or the write scope.")
  @ApiProblems.Always
  public RefreshJobViews.RefreshJobList list() {
    requireToken();
    return new RefreshJobViews.RefreshJobList(
        jobs.recent().stream().map(RefreshJob::view).toList());
  }

  @GET
  @Path("/jobs/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "getRefreshJob",
      summary = "One refresh job: its state, its stages so far, its result or its problem",
      description =
          "Needs a bearer token with the read or the write scope. 404 for a job this process does"
              + " not keep (an unknown id, one of more than "
              + RefreshJobs.KEPT
              + " jobs ago, or one from before a restart).")
  @ApiProblems.Always
  @ApiProblems.NotFound
  public RefreshJobViews.RefreshJobView job(@PathParam("id") String id) {
    requireToken();
    return jobs.job(id)
        .map(RefreshJob::view)
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorCode.NOT_FOUND,
                    "No refresh job with this id is kept here; GET /api/v1/refresh/jobs lists the"
                        + " recent ones."));
  }

  /** Job statuses name no figure: any token may read them (read, read:citizen or write). */
  private void requireToken() {
    Caller caller = Callers.current();
    if (!caller.has(Scope.WRITE)) {
      runtime.access().require(caller, Scope.READ);
    }
  }
}
