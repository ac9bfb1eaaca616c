package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.opendata.PublicFigures;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.server.cors.CrossOrigin;
import io.swagger.v3.oas.annotations.Operation;
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
      summary = "An open-data file",
      description =
          "attainment.csv, attainment.json, attainment.parquet, catalog.jsonld (DCAT-AP-DK) or"
              + " metode.md: the attainment figures for municipality, department and operating"
              + " area, years and quarters, with cells below 5 citizens withheld and secondary"
              + " suppression so no withheld value can be recovered.")
  public Response file(@PathParam("file") String file) {
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
