package dk.goalattainment.connector.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * The OpenAPI document ({@link OpenApiDocument}) as YAML and as JSON, each with its media type. The
 * browsable UI at {@code /swagger-ui/index.html} reads the YAML.
 */
@Path("/swagger")
@Tag(name = "openapi", description = "This document")
public class OpenApiResource {
  /** The media type of the YAML document (RFC 9512). */
  static final String YAML = "application/yaml";

  private final OpenApiDocument document;

  OpenApiResource(OpenApiDocument document) {
    this.document = document;
  }

  @GET
  @Path("/goal-attainment-connector-1.yml")
  @Produces(YAML)
  @Operation(
      operationId = "openApiYaml",
      summary = "The OpenAPI document, as YAML",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "OpenAPI 3.0",
              content = @Content(mediaType = YAML, schema = @Schema(type = "string"))))
  @ApiProblems.Always
  public String yaml() {
    return document.yaml();
  }

  @GET
  @Path("/goal-attainment-connector-1.json")
  @Produces("application/json")
  @Operation(
      operationId = "openApiJson",
      summary = "The OpenAPI document, as JSON",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "OpenAPI 3.0",
              content =
                  @Content(mediaType = "application/json", schema = @Schema(type = "object"))))
  @ApiProblems.Always
  public String json() {
    return document.json();
  }
}
