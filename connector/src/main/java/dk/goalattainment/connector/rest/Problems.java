package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.privacy.Redaction;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where errors become HTTP responses: {@code application/problem+json} (RFC 9457)
 * with {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, and for
 * invalid input an {@code errors} list of {@code {record, row, field, rule}} — never a value. It
 * renders the connector's own {@link ConnectorException}s and replaces Micronaut's default error
 * body for everything else (unknown routes, bad parameters, unexpected failures).
 */
public final class Problems {
  /** The media type of RFC 9457 problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  /** The problem body. */
  static Map<String, Object> body(
      String type, String title, int status, String detail, String instance, List<?> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("title", title);
    body.put("status", status);
    if (detail != null) {
      body.put("detail", Redaction.hideCprLike(detail));
    }
    if (instance != null) {
      body.put("instance", Redaction.hideCprLike(instance));
    }
    if (errors != null && !errors.isEmpty()) {
      body.put("errors", errors);
    }
    return body;
  }

  static MutableHttpResponse<Map<String, Object>> response(
      ConnectorException e, HttpRequest<?> request) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (FieldError fe : e.errors()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("record", fe.record());
      m.put("row", fe.row());
      m.put("field", fe.field());
      m.put("rule", fe.rule());
      m.put("message", fe.message());
      errors.add(m);
    }
    ErrorCode code = e.code();
    MutableHttpResponse<Map<String, Object>> response =
        HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(code.httpStatus()))
            .contentType(MediaType.of(MEDIA_TYPE))
            .body(
                body(
                    code.type(),
                    code.title(),
                    code.httpStatus(),
                    e.getMessage(),
                    request.getPath(),
                    errors));
    if (code == ErrorCode.UNAUTHORIZED) {
      response.header("WWW-Authenticate", "Bearer realm=\"goal-attainment-connector\"");
    }
    if (code == ErrorCode.STORE_UNAVAILABLE) {
      response.header("Retry-After", "5");
    }
    return response;
  }

  /** Unmatched routes get a problem body too (Micronaut answers them with an empty 404). */
  @Controller
  static final class NotFoundRoute {
    @Error(status = HttpStatus.NOT_FOUND, global = true)
    @Produces(MEDIA_TYPE)
    HttpResponse<Map<String, Object>> notFound(HttpRequest<?> request) {
      return HttpResponse.<Map<String, Object>>notFound()
          .contentType(MediaType.of(MEDIA_TYPE))
          .body(
              body(
                  ErrorCode.NOT_FOUND.type(),
                  ErrorCode.NOT_FOUND.title(),
                  404,
                  "Nothing is here. The API is under /api/v1 (see /swagger-ui/index.html).",
                  request.getPath(),
                  List.of()));
    }
  }

  /** Renders the connector's exceptions. */
  @Singleton
  @Produces(MEDIA_TYPE)
  @Requires(classes = {ConnectorException.class, ExceptionHandler.class})
  static final class ConnectorExceptionHandler
      implements ExceptionHandler<ConnectorException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ConnectorException exception) {
      return response(exception, request);
    }
  }

  /** Renders Micronaut's own errors (404 route, 400 binding, 405, 415, 500) the same way. */
  @Singleton
  @Primary
  static final class ProblemErrorResponseProcessor
      implements ErrorResponseProcessor<Map<String, Object>> {
    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(
        ErrorContext context, MutableHttpResponse<?> response) {
      int status = response.getStatus().getCode();
      String detail;
      if (status >= 500) {
        // never echo an internal message: it could hold data
        detail = "The connector failed unexpectedly; the log has the details.";
      } else if (context.hasErrors()) {
        detail = context.getErrors().get(0).getMessage();
      } else {
        detail = response.getStatus().getReason();
      }
      String type =
          "urn:goal-attainment:problem:"
              + response.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      return response
          .contentType(MediaType.of(MEDIA_TYPE))
          .body(
              body(
                  type,
                  response.getStatus().getReason(),
                  status,
                  detail,
                  context.getRequest().getPath(),
                  List.of()));
    }
  }
}
