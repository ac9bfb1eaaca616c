package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.app.FactSheetProperties;
import dk.goalattainment.connector.factsheet.FactSheetService;
import dk.goalattainment.connector.opendata.OpenDataExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** The fact sheet (FAKTABLAD) as HTML or PDF: the same content as {@code connector factsheet}. */
@Path("/api/v1/factsheet")
@Tag(name = "factsheet", description = "The printable fact sheet for the council")
public class FactSheetResource {
  private final FactSheetService sheets;
  private final ConnectorRuntime runtime;

  public FactSheetResource(ConnectorRuntime runtime, FactSheetProperties texts) {
    this.sheets = runtime.factSheets(texts.texts());
    this.runtime = runtime;
  }

  @GET
  @Produces({"text/html", "application/pdf"})
  @Operation(
      operationId = "factSheet",
      summary = "The fact sheet of a period and org node",
      description =
          "HTML by default, PDF with `Accept: application/pdf` or `format=pdf` (the same"
              + " content, A4). Anonymous callers (no Authorization header) and `public=true` get"
              + " the public sheet, built only from the disclosure-controlled open-data figures"
              + " (needs refreshed datasets); a token with the `read` scope gets the full sheet"
              + " with the engine's figures and intervals for the org nodes it may read.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The fact sheet",
              headers = {
                @Header(
                    name = "Content-Disposition",
                    description = "inline, with a file name",
                    schema = @Schema(type = "string")),
                @Header(
                    name = "Cache-Control",
                    description = "private, no-store for the full sheet",
                    schema = @Schema(type = "string"))
              },
              content = {
                @Content(mediaType = "text/html", schema = @Schema(type = "string")),
                @Content(
                    mediaType = "application/pdf",
                    schema = @Schema(type = "string", format = "binary"))
              }))
  @ApiProblems.Always
  @ApiProblems.NotFound
  public Response factSheet(
      @Parameter(description = "A year (2021) or a quarter (2021-Q4)", required = true)
          @QueryParam("period")
          String period,
      @Parameter(description = "Org unit id", required = true) @QueryParam("org") String org,
      @Parameter(description = "authority (default) or provider") @QueryParam("via") String via,
      @Parameter(description = "html or pdf (default: from Accept, else html)")
          @QueryParam("format")
          String format,
      @Parameter(description = "true: the public sheet even with a token") @QueryParam("public")
          boolean publicAsked,
      @HeaderParam("Accept") String accept) {
    FactSheetService.Variant variant =
        FactSheetAccess.variant(runtime.access(), Callers.current(), org, publicAsked);
    FactSheetService.Request request =
        sheets.request(
            period,
            org,
            via,
            format != null && !format.isBlank() ? format : negotiated(accept),
            variant,
            OpenDataExport.Options.defaults());
    FactSheetService.Rendered sheet = sheets.render(request);
    return Response.ok(sheet.bytes())
        .type(sheet.format().mediaType())
        .header("Content-Disposition", "inline; filename=\"" + sheet.fileName() + "\"")
        .header("Vary", "Accept, Authorization")
        .header(
            "Cache-Control",
            variant == FactSheetService.Variant.FULL ? "private, no-store" : "public, max-age=60")
        .build();
  }

  /** PDF when the client asks for it before HTML, else HTML. */
  static String negotiated(String accept) {
    if (accept == null) {
      return "html";
    }
    String a = accept.toLowerCase(Locale.ROOT);
    int pdf = a.indexOf("application/pdf");
    int html = a.indexOf("text/html");
    return pdf >= 0 && (html < 0 || pdf < html) ? "pdf" : "html";
  }
}
