package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.access.Caller;
import dk.goalattainment.connector.core.access.Scope;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.engine.Datasets;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The standard datasets: definitions and their materialised rows. */
@Path("/api/v1/datasets")
@Tag(name = "datasets", description = "The standard datasets and their rows")
public class DatasetsResource {
  /** Rows per page unless {@code limit} says otherwise, and the most a page may hold. */
  static final int DEFAULT_LIMIT = 1000;

  static final int MAX_LIMIT = 50_000;

  private static final Set<String> PAGING = Set.of("limit", "offset", "format");

  private final ConnectorRuntime runtime;
  private final Datasets queries;

  public DatasetsResource(ConnectorRuntime runtime) {
    this.runtime = runtime;
    this.queries = runtime.datasets();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "listDatasets",
      summary = "Every standard dataset: id, version, titles, table, grain, metrics, rows",
      description = "Definitions and row counts only, no figures: public.")
  @ApiProblems.Always
  public DatasetViews.DatasetList list() {
    List<DatasetViews.DatasetSummary> datasets = new ArrayList<>();
    for (DatasetDefinition d : runtime.definitions().datasets()) {
      datasets.add(DatasetViews.DatasetSummary.of(d, queries.rowCount(d).orElse(null)));
    }
    return new DatasetViews.DatasetList(
        datasets, queries.lastRefresh().orElse(null), queries.fresh());
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "getDataset",
      summary = "One dataset's full definition, with its metrics",
      description =
          "The columns are the fields of its rows (GET /api/v1/datasets/{id}/rows); the OpenAPI"
              + " document's DatasetRow.<id> schema holds the same. Public.")
  @ApiProblems.Always
  @ApiProblems.NotFound
  public DatasetViews.DatasetDetail get(@PathParam("id") String id) {
    DatasetDefinition d = dataset(id);
    return new DatasetViews.DatasetDetail(
        DatasetViews.DatasetDefinitionView.of(d),
        MetricViews.MetricDefinitionView.of(runtime.definitions().metricsOf(d)),
        queries.rowCount(d).orElse(null),
        "/api/v1/datasets/" + d.id() + "/rows");
  }

  @GET
  @Path("/{id}/rows")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @Operation(
      operationId = "datasetRows",
      summary = "Rows of a dataset, filtered and paginated",
      responses = {
        @ApiResponse(
            responseCode = "200",
            description =
                "A page of rows: JSON (each row an object with a field per column of the dataset,"
                    + " schema DatasetRow.<id>) or CSV (a header row of the column names)",
            headers = {
              @Header(
                  name = "X-Total-Count",
                  description = "Rows matching the filters",
                  schema = @Schema(type = "integer", format = "int64")),
              @Header(
                  name = "Link",
                  description = "The next page, as <url>; rel=\"next\" (absent on the last page)",
                  schema = @Schema(type = "string"))
            },
            content = {
              @Content(
                  mediaType = MediaType.APPLICATION_JSON,
                  schema = @Schema(implementation = DatasetViews.DatasetRowsPage.class)),
              @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
            })
      },
      description =
          "Filter on any column with a query parameter of its name (repeat it for several values),"
              + " e.g. ?period=2021&org_unit=FBU&effect_goal=NM&effect_goal=LS. Pages are ordered"
              + " by every dimension column. JSON by default; CSV with Accept: text/csv or"
              + " ?format=csv. Needs a bearer token with the read scope (citizen-grain datasets:"
              + " read:citizen); a token limited to org units gets the rows of their subtrees."
              + " Anonymous callers find the public figures at /api/v1/attainment and"
              + " /api/v1/opendata.")
  @SecurityRequirement(name = "bearer")
  @ApiProblems.Always
  @ApiProblems.NotFound
  public Response rows(
      @PathParam("id") String id,
      @Parameter(description = "Rows per page, at most 50 000")
          @QueryParam("limit")
          @DefaultValue("1000")
          int limit,
      @Parameter(description = "Rows to skip") @QueryParam("offset") @DefaultValue("0") long offset,
      @Parameter(description = "json or csv") @QueryParam("format") String format,
      @HeaderParam("Accept") String accept) {
    HttpRequest<?> request =
        ServerRequestContext.currentRequest()
            .orElseThrow(() -> new IllegalStateException("no current request"));
    DatasetDefinition d = dataset(id);
    Caller caller = Callers.current();
    runtime
        .access()
        .require(
            caller,
            d.isCitizenGrain() ? Scope.READ_CITIZEN : Scope.READ,
            "Anonymous callers find the public, disclosure-controlled figures at"
                + " /api/v1/attainment and /api/v1/opendata/attainment.csv.");
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "limit must be 1-" + MAX_LIMIT + " and offset 0 or more");
    }
    Map<String, List<String>> filters = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    for (String name : request.getParameters().names()) {
      if (PAGING.contains(name)) {
        continue;
      }
      if (d.column(name).isEmpty()) {
        unknown.add(name);
      } else {
        filters.put(name, request.getParameters().getAll(name));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST,
          "Unknown filter(s) "
              + unknown
              + "; the columns of "
              + d.id()
              + " are "
              + d.columns().stream().map(c -> c.name()).toList());
    }
    Datasets.Page page =
        queries.rows(d, filters, offset, limit, caller.isOrgLimited() ? caller.orgs() : null);
    Response.ResponseBuilder response;
    if (Formats.wantsCsv(format, accept)) {
      response =
          Response.ok(Formats.csv(d.columns().stream().map(c -> c.name()).toList(), page.rows()))
              .type(Formats.CSV);
    } else {
      response =
          Response.ok(
                  new DatasetViews.DatasetRowsPage(
                      d.id(),
                      d.version(),
                      page.total(),
                      page.offset(),
                      page.limit(),
                      page.nextOffset(),
                      page.rows()))
              .type(MediaType.APPLICATION_JSON_TYPE);
    }
    response.header("X-Total-Count", page.total());
    if (page.nextOffset() != null) {
      response.header(
          "Link", "<" + Formats.withOffset(request, page.nextOffset()) + ">; rel=\"next\"");
    }
    return response.build();
  }

  private DatasetDefinition dataset(String id) {
    return runtime
        .definitions()
        .dataset(id)
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorCode.NOT_FOUND,
                    "No dataset has this id; GET /api/v1/datasets lists them."));
  }
}
