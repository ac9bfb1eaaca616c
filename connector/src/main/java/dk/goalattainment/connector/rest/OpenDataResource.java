package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.app.OpenDataProperties;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.opendata.OpenDataExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * The open-data tables, public and unauthenticated: exactly the files {@code connector opendata
 * export} writes with its defaults, recomputed when the datasets are refreshed.
 */
@Path("/api/v1/opendata")
@Tag(name = "opendata", description = "Suppressed aggregates as open data (public)")
public class OpenDataResource {
  private final ConnectorRuntime runtime;
  private final OpenDataProperties metadata;
  private volatile Cached cached;

  private record Cached(Instant refreshedAt, java.nio.file.Path dir) {}

  public OpenDataResource(ConnectorRuntime runtime, OpenDataProperties metadata) {
    this.runtime = runtime;
    this.metadata = metadata;
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
      return Response.ok(Files.readAllBytes(current().resolve(file))).type(type).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized java.nio.file.Path current() throws IOException {
    Optional<Instant> refreshed = runtime.store().lastEvent("refresh");
    if (refreshed.isEmpty() || !runtime.store().datasetsFresh()) {
      throw new ConnectorException(
          ErrorCode.NOT_FOUND,
          "No open data yet: the datasets are not refreshed since the last ingest.");
    }
    if (cached == null || !cached.refreshedAt().equals(refreshed.get())) {
      java.nio.file.Path dir = Files.createTempDirectory("opendata-");
      OpenDataExport.write(
          OpenDataExport.compute(
              runtime.store(),
              runtime.definitions(),
              runtime.catalogue(),
              OpenDataExport.Options.defaults().withMetadata(metadata.metadata())),
          dir);
      Cached old = cached;
      cached = new Cached(refreshed.get(), dir);
      if (old != null) {
        try (var files = Files.walk(old.dir())) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return cached.dir();
  }
}
