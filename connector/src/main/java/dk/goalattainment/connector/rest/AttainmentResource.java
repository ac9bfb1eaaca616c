package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.access.AccessPolicy;
import dk.goalattainment.connector.core.access.FigureAccess;
import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.formats.ReportFormats;
import dk.goalattainment.connector.opendata.PublicFigures;
import dk.goalattainment.connector.opendata.PublicReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The figures of one slice: the same rows as the CLI {@code report} for a caller with the read
 * scope whose org subtrees hold the org node; for an anonymous caller the published,
 * disclosure-controlled figures of the slice ({@link PublicFigures}), or 401 when the slice is not
 * published; 403 for a read token limited to other org units.
 */
@Path("/api/v1/attainment")
@Tag(name = "attainment", description = "The contract's figures for a slice")
public class AttainmentResource {
  private final ConnectorRuntime runtime;
  private final PublicFigures publicFigures;

  public AttainmentResource(ConnectorRuntime runtime, PublicFigures publicFigures) {
    this.runtime = runtime;
    this.publicFigures = publicFigures;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @Operation(
      operationId = "attainment",
      summary = "The figures of a slice, one row per group",
      description =
          "The same rows as `connector report`: an object whose `rows` array holds one object per"
              + " group with counted follow-ups, named like the report's CSV columns. Read from"
              + " the refreshed attainment dataset when it is fresh, else computed live (the same"
              + " figures). Full figures need a bearer token with the read scope for the org node;"
              + " without a token the answer holds the published open-data figures only"
              + " (`public: true`: citizens, goals_followed_up, goals_met, goal_attainment_avg,"
              + " goals_met_share; withheld cells null and `suppressed`), and a slice that is not"
              + " published (rolling periods, age bands, units below the operating areas) is 401.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description =
                  "The slice's rows: JSON (AttainmentReport for full figures,"
                      + " PublicAttainmentReport for public ones) or CSV (the same columns, the"
                      + " slice in the last columns)",
              content = {
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema =
                        @Schema(
                            oneOf = {
                              AttainmentViews.AttainmentReport.class,
                              AttainmentViews.PublicAttainmentReport.class
                            })),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
              }))
  @ApiProblems.Always
  @ApiProblems.NotFound
  public Response attainment(
      @Parameter(description = "2019-Q4, 2019 or 2019-Q4R4", required = true) @QueryParam("period")
          String period,
      @Parameter(description = "Org unit id", required = true) @QueryParam("org") String org,
      @Parameter(description = "authority (default) or provider") @QueryParam("via") String via,
      @Parameter(
              description =
                  "none (default), effect_goal, life_theme, goal_type, target_group, age_band,"
                      + " org_child")
          @QueryParam("by")
          String by,
      @QueryParam("effect_goal") String effectGoal,
      @QueryParam("life_theme") String lifeTheme,
      @QueryParam("target_group") String targetGroup,
      @QueryParam("goal_type") String goalType,
      @QueryParam("age_band") String ageBand,
      @Parameter(description = "true: compute live, not from the dataset") @QueryParam("live")
          boolean live,
      @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
      @HeaderParam("Accept") String accept) {
    ReportRequest request =
        runtime
            .reports()
            .request(
                period,
                org,
                via,
                by,
                new Filters(effectGoal, lifeTheme, targetGroup, goalType, ageBand));
    FigureAccess access = runtime.access().figures(Callers.current(), request.orgUnitId());
    if (access == FigureAccess.FORBIDDEN) {
      throw AccessPolicy.outsideOrgs();
    }
    if (access == FigureAccess.PUBLIC) {
      return publicAnswer(request, format, accept, Callers.current().isAuthenticated());
    }
    Report report =
        live ? runtime.reports().reportLive(request) : runtime.reports().report(request);
    if (Formats.wantsCsv(format, accept)) {
      return Response.ok(ReportFormats.csv(report)).type(Formats.CSV).build();
    }
    return Response.ok(AttainmentViews.AttainmentReport.of(report))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  /**
   * The published figures of the slice; 401 for an anonymous caller (403 for a token without the
   * read scope) when the slice is not published.
   */
  private Response publicAnswer(
      ReportRequest request, String format, String accept, boolean authenticated) {
    PublicReport report =
        publicFigures
            .report(request)
            .orElseThrow(
                () ->
                    new ConnectorException(
                        authenticated ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHORIZED,
                        "This slice is not published: without the read scope you get the"
                            + " published open-data figures only (years and quarters; the"
                            + " municipality, departments and operating areas; no age bands)."
                            + " Use a bearer token with the read scope for the rest."));
    if (Formats.wantsCsv(format, accept)) {
      return Response.ok(report.csv()).type(Formats.CSV).build();
    }
    return Response.ok(AttainmentViews.PublicAttainmentReport.of(report))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }
}
