package dk.goalattainment.connector.rest;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error answers of the API, declared once for the OpenAPI document: each annotation declares
 * one or more statuses whose body is a {@link Problem} ({@value Problems#MEDIA_TYPE}). A resource
 * method carries {@link Always} (every operation) and those that it can answer besides. Each
 * operation's description says which scope it needs.
 */
public final class ApiProblems {
  private ApiProblems() {}

  /**
   * What every operation can answer: 400 for a parameter that is not of its type, 401 for an
   * Authorization header that is not a valid bearer token (on every path, also public ones), 403
   * for a token without the scope or a request from another origin (CORS), 500 (with a correlation
   * id) and 503 while the store is unreachable.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
  @ApiResponse(
      responseCode = "400",
      description =
          "A parameter is malformed, unknown or not of its type; the detail names it and what is"
              + " expected, never the value given",
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(
      responseCode = "401",
      description =
          "The Authorization header is not a valid bearer token, or the operation needs one (see"
              + " the operation's description)",
      headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = "string")),
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(
      responseCode = "403",
      description =
          "The token does not have the scope the operation needs, or is limited to other org units"
              + " (the problem names no unit); or the request comes from another origin (CORS)"
              + " than the few paths open to other origins allow",
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(
      responseCode = "500",
      description =
          "The connector failed; the problem's correlation_id (also in X-Correlation-Id) names the"
              + " server log entry",
      headers = @Header(name = Problems.CORRELATION_HEADER, schema = @Schema(type = "string")),
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(
      responseCode = "503",
      description = "The store is unreachable (or not there); retry after Retry-After seconds",
      headers = @Header(name = "Retry-After", schema = @Schema(type = "integer")),
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public @interface Always {}

  /** 404: what the path or a parameter names does not exist. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
  @ApiResponse(
      responseCode = "404",
      description =
          "What the path or a parameter names does not exist; the detail says where to list what"
              + " does",
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public @interface NotFound {}

  /** 409: conflicts with work in progress or with stored data. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
  @ApiResponse(
      responseCode = "409",
      description =
          "A refresh is already running (the detail names its job), or stored data cannot be used"
              + " as it is (the detail names each record)",
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public @interface Conflict {}

  /** 413, 415 and 422: a request body that cannot be taken. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
  @ApiResponse(
      responseCode = "413",
      description =
          "The body is larger than micronaut.server.max-request-size (512 MiB); nothing was"
              + " stored",
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(
      responseCode = "415",
      description = "The Content-Type is neither text/csv nor application/json",
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @ApiResponse(
      responseCode = "422",
      description =
          "Invalid records; nothing was stored. errors lists the first 1 000 broken rules by"
              + " record, row and field (never a value), error_count how many there were",
      content =
          @Content(
              mediaType = Problems.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public @interface BadBody {}
}
