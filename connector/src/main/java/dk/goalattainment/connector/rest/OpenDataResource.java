package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.opendata.PublicFigures;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.server.cors.CrossOrigin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The open-data tables, public and unauthenticated: exactly the files {@code connector opendata
 * export} writes with its defaults, recomputed when the datasets are refreshed. Readable from any
 * origin (CORS: GET and HEAD, no credentials), so browser apps elsewhere can use them; nothing else
 * of the API is opened to other origins.
 */
@Path("/api/v1/opendata")
@Tag(name = "opendata", description = "Suppressed aggregates as open data (public)")
@CrossOrigin(
    allowedOriginsRegex = ".*",
    allowedMethods = {HttpMethod.GET, HttpMethod.HEAD},
    allowCredentials = false,
    maxAge = 3600)
public class OpenDataResource {
  private final PublicFigures figures;

  public OpenDataResource(PublicFigures figures) {
    this.figures = figures;
  }

  @GET
  @Path("/{file}")
  @Operation(
      operationId = "openDataFile",
      summary = "An open-data file",
      description =
          "attainment.csv, attainment.json, attainment.parquet, catalog.jsonld (DCAT-AP-DK) or"
              + " metode.md: the attainment figures for municipality, department and operating"
              + " area, years and quarters, with cells below 5 citizens withheld and secondary"
              + " suppression so no withheld value can be recovered. Public; 404 until the"
              + " datasets have been refreshed after the last ingest.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The file, in the media type of its name",
              content = {
                @Content(
                    mediaType = "text/csv",
                    schema =
                        @Schema(
                            type = "string",
                            description = "attainment.csv: one row per published cell")),
                @Content(
                    mediaType = "application/json",
                    schema =
                        @Schema(
                            type = "object",
                            description =
                                "attainment.json: the table's metadata (title, computed_at,"
                                    + " threshold, periods, licence, withheld, columns: name to"
                                    + " Danish label) and rows, one object per cell with those"
                                    + " columns")),
                @Content(
                    mediaType = "application/vnd.apache.parquet",
                    schema = @Schema(type = "string", format = "binary")),
                @Content(
                    mediaType = "application/ld+json",
                    schema =
                        @Schema(
                            type = "object",
                            description = "catalog.jsonld: the DCAT-AP-DK catalogue")),
                @Content(
                    mediaType = "text/markdown",
                    schema = @Schema(type = "string", description = "metode.md: the method note"))
              }))
  @ApiProblems.Always
  @ApiProblems.NotFound
  public Response file(
      @Parameter(
              description = "The file",
              schema =
                  @Schema(
                      allowableValues = {
                        "attainment.csv",
                        "attainment.json",
                        "attainment.parquet",
                        "catalog.jsonld",
                        "metode.md"
                      }))
          @PathParam("file")
          String file) {
    String type =
        switch (file) {
          case "attainment.csv" -> "text/csv; charset=utf-8";
          case "attainment.json" -> "application/json";
          case "attainment.parquet" -> "application/vnd.apache.parquet";
          case "catalog.jsonld" -> "application/ld+json";
          case "metode.md" -> "text/markdown; charset=utf-8";
          default ->
              throw new ConnectorException(
                  ErrorCode.NOT_FOUND,
                  "The open-data files are attainment.csv, attainment.json, attainment.parquet,"
                      + " catalog.jsonld and metode.md.");
        };
    try {
      return Response.ok(Files.readAllBytes(figures.files().resolve(file))).type(type).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
