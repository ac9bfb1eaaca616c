package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.privacy.Redaction;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become HTTP responses: {@code application/problem+json} (RFC 9457)
 * with {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, and for
 * invalid input an {@code errors} list of {@code {record, row, field, rule}} (the first {@value
 * dk.goalattainment.connector.core.ingest.IngestService#MAX_REPORTED_ERRORS}) with {@code
 * error_count} — never a value. It renders the connector's own {@link ConnectorException}s and
 * replaces Micronaut's default error body for everything else (unknown routes, bad parameters,
 * unexpected failures).
 *
 * <p>A server error (5xx) never shows its message, which could quote SQL, data, the database's host
 * or a file path: it is logged with a fresh correlation id (CPR-shaped text hidden), and the
 * problem carries that id as {@code correlation_id} and in the {@value #CORRELATION_HEADER} header.
 * A 503 (the store is unreachable or missing) says so and when to retry; its reason (the driver's
 * message) is logged as a warning without a stack, since an outage repeats it on every request.
 */
public final class Problems {
  /** The media type of RFC 9457 problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The response header carrying a server error's correlation id. */
  public static final String CORRELATION_HEADER = "X-Correlation-Id";

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /** Whether a status hides its message behind a correlation id. */
  static boolean hidesDetail(int status) {
    return status >= 500;
  }

  /**
   * Logs a server error under a new correlation id, with the messages of the exception and its
   * causes (CPR-shaped text hidden) and the stack, and returns the id.
   */
  static String logServerError(HttpRequest<?> request, int status, Throwable failure) {
    return logServerError(request.getMethodName() + " " + request.getPath(), status, failure);
  }

  /**
   * As {@link #logServerError(HttpRequest, int, Throwable)}, for work named {@code what} (e.g.
   * {@code "POST /api/v1/refresh"}, or a refresh job running after its request was answered).
   */
  static String logServerError(String what, int status, Throwable failure) {
    String id = Redaction.randomId();
    StringBuilder chain = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      chain
          .append("\n  ")
          .append(t == failure ? "" : "caused by ")
          .append(t.getClass().getName())
          .append(": ")
          .append(Redaction.hideCprLike(String.valueOf(t.getMessage())));
      if (t.getCause() == null) {
        for (StackTraceElement frame : t.getStackTrace()) {
          chain.append("\n      at ").append(frame);
        }
      }
    }
    LOG.error(
        "{} answered {} [correlation_id={}]{}", Redaction.hideCprLike(what), status, id, chain);
    return id;
  }

  /** Logs why the store cannot serve (no stack: an outage repeats it), and returns the id. */
  private static String logUnavailable(String what, ConnectorException e) {
    String id = Redaction.randomId();
    LOG.warn(
        "{} answered 503 [correlation_id={}]: {}",
        Redaction.hideCprLike(what),
        id,
        Redaction.hideCprLike(String.valueOf(e.getMessage())));
    return id;
  }

  private static String unavailableDetail(ErrorCode code, String correlationId) {
    String what =
        code == ErrorCode.STORE_NOT_FOUND
            ? "The connector's store was not found where it is configured"
            : "The connector's store cannot be reached right now";
    return what
        + "; requests work again as soon as it answers (retry after a few seconds). The server"
        + " log has the reason under correlation id "
        + correlationId
        + ".";
  }

  private static String serverErrorDetail(String title, String correlationId) {
    return "The connector failed ("
        + title
        + "); the server log has the details under correlation id "
        + correlationId
        + ".";
  }

  /** The problem body. */
  static Problem body(
      String type,
      String title,
      int status,
      String detail,
      String instance,
      List<Problem.FieldProblem> errors,
      Long errorCount) {
    return new Problem(
        type,
        title,
        status,
        detail == null ? null : Redaction.hideCprLike(detail),
        instance == null ? null : Redaction.hideCprLike(instance),
        null,
        errors == null || errors.isEmpty() ? null : List.copyOf(errors),
        errors == null || errors.isEmpty() ? null : errorCount);
  }

  private static <T> MutableHttpResponse<T> withCorrelation(
      MutableHttpResponse<T> response, String correlationId) {
    if (correlationId != null) {
      response.header(CORRELATION_HEADER, correlationId);
    }
    return response;
  }

  /**
   * The problem of a failure of {@code what} (a method and path) at {@code instance}; a server
   * error is logged under a new correlation id, which the problem carries instead of the message.
   */
  static Problem of(ConnectorException e, String what, String instance) {
    ErrorCode code = e.code();
    String detail = e.getMessage();
    String correlationId = null;
    if (code.httpStatus() == 503) {
      correlationId = logUnavailable(what, e);
      detail = unavailableDetail(code, correlationId);
    } else if (hidesDetail(code.httpStatus())) {
      correlationId = logServerError(what, code.httpStatus(), e);
      detail = serverErrorDetail(code.title(), correlationId);
    }
    Problem problem =
        body(
            code.type(),
            code.title(),
            code.httpStatus(),
            detail,
            instance,
            e.errors().stream().map(Problem.FieldProblem::of).toList(),
            e.errorCount());
    return correlationId == null ? problem : problem.withCorrelationId(correlationId);
  }

  static MutableHttpResponse<Problem> response(ConnectorException e, HttpRequest<?> request) {
    return response(
        e.code(), of(e, request.getMethodName() + " " + request.getPath(), request.getPath()));
  }

  /** The answer carrying a problem, with the headers its kind asks for. */
  static MutableHttpResponse<Problem> response(ErrorCode code, Problem problem) {
    MutableHttpResponse<Problem> response =
        HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
            .contentType(MediaType.of(MEDIA_TYPE))
            .body(problem);
    if (code == ErrorCode.UNAUTHORIZED) {
      response.header("WWW-Authenticate", "Bearer realm=\"goal-attainment-connector\"");
    }
    if (code == ErrorCode.STORE_UNAVAILABLE) {
      response.header("Retry-After", "5");
    }
    if (code == ErrorCode.PAYLOAD_TOO_LARGE) {
      // the rest of the body is not read: end the connection, so the client stops sending
      response.header("Connection", "close");
    }
    return withCorrelation(response, problem.correlationId());
  }

  /** Unmatched routes get a problem body too (Micronaut answers them with an empty 404). */
  @Controller
  static final class NotFoundRoute {
    @Error(status = HttpStatus.NOT_FOUND, global = true)
    @Produces(MEDIA_TYPE)
    HttpResponse<Problem> notFound(HttpRequest<?> request) {
      return HttpResponse.<Problem>notFound()
          .contentType(MediaType.of(MEDIA_TYPE))
          .body(
              body(
                  ErrorCode.NOT_FOUND.type(),
                  ErrorCode.NOT_FOUND.title(),
                  404,
                  "Nothing is here. The API is under /api/v1 (see /swagger-ui/index.html).",
                  request.getPath(),
                  null,
                  null));
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

  /**
   * A problem already made (and, for a server error, logged under its correlation id), to be
   * answered as it is: a refresh job's failure, answered to the POST that waited for the job.
   */
  static final class Answered extends RuntimeException {
    private final ErrorCode code;
    private final transient Problem problem;

    Answered(ErrorCode code, Problem problem) {
      super(problem.title(), null, false, false);
      this.code = code;
      this.problem = problem;
    }
  }

  /** Renders an {@link Answered} problem. */
  @Singleton
  @Produces(MEDIA_TYPE)
  @Requires(classes = ExceptionHandler.class)
  static final class AnsweredHandler implements ExceptionHandler<Answered, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, Answered answered) {
      return response(answered.code, answered.problem);
    }
  }

  /** Any other failure: a 500 problem with a correlation id, the failure logged under it. */
  @Singleton
  @Produces(MEDIA_TYPE)
  @Requires(classes = ExceptionHandler.class)
  static final class UnexpectedExceptionHandler
      implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
      return response(
          new ConnectorException(ErrorCode.INTERNAL, "Unexpected failure", exception), request);
    }
  }

  /**
   * A parameter that cannot be converted to its type (e.g. {@code limit=abc}): 400 naming the
   * parameter and the type expected, never the value given.
   */
  @Singleton
  @Produces(MEDIA_TYPE)
  @Replaces(ConversionErrorHandler.class)
  static final class ParameterTypeHandler
      implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
      Argument<?> argument = exception.getArgument();
      return response(
          new ConnectorException(
              ErrorCode.BAD_REQUEST,
              "Parameter " + argument.getName() + " must be " + expected(argument.getType())),
          request);
    }

    private static String expected(Class<?> type) {
      if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
        return "an integer written with the digits 0-9";
      }
      if (type == boolean.class || type == Boolean.class) {
        return "true or false";
      }
      if (type == double.class || type == Double.class) {
        return "a decimal number";
      }
      return "a value of type " + type.getSimpleName();
    }
  }

  /** A body over {@code micronaut.server.max-request-size}, noticed by the server: 413. */
  @Singleton
  @Produces(MEDIA_TYPE)
  static final class PayloadTooLargeHandler
      implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
    private final long limit;

    PayloadTooLargeHandler(HttpServerConfiguration server) {
      this.limit = server.getMaxRequestSize();
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
      return response(RequestBodies.tooLarge(limit), request);
    }
  }

  /** Renders Micronaut's own errors (404 route, 400 binding, 405, 415, 500) the same way. */
  @Singleton
  @Primary
  static final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    @Override
    public MutableHttpResponse<Problem> processResponse(
        ErrorContext context, MutableHttpResponse<?> response) {
      int status = response.getStatus().getCode();
      String detail;
      String correlationId = null;
      if (hidesDetail(status)) {
        // never echo an internal message: it could hold data
        correlationId =
            logServerError(
                context.getRequest(),
                status,
                context.getRootCause().orElse(new IllegalStateException("no cause given")));
        detail = serverErrorDetail(response.getStatus().getReason(), correlationId);
      } else if (context.hasErrors()) {
        detail = context.getErrors().get(0).getMessage();
      } else {
        detail = response.getStatus().getReason();
      }
      String type =
          "urn:goal-attainment:problem:"
              + response.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      Problem body =
          body(
              type,
              response.getStatus().getReason(),
              status,
              detail,
              context.getRequest().getPath(),
              null,
              null);
      if (correlationId != null) {
        body = body.withCorrelationId(correlationId);
      }
      return withCorrelation(
          response.contentType(MediaType.of(MEDIA_TYPE)).body(body), correlationId);
    }
  }
}
