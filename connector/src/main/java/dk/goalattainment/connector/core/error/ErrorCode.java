package dk.goalattainment.connector.core.error;

/**
 * Every error the connector reports, with the HTTP status it maps to and a stable problem type. The
 * REST adapter renders these as {@code application/problem+json}; the CLI maps them to exit codes.
 */
public enum ErrorCode {
  /** One or more input records broke a rule; the details list every row and field. */
  VALIDATION_FAILED(422, "Invalid input records", 2),
  /** A request parameter (period, org unit, grouping …) is malformed or unknown. */
  BAD_REQUEST(400, "Bad request", 2),
  /** A referenced resource does not exist. */
  NOT_FOUND(404, "Not found", 2),
  /** The catalogue or a definition file is invalid. */
  DEFINITION_INVALID(500, "Invalid definitions", 3),
  /** Configuration is missing or invalid. */
  CONFIGURATION_INVALID(500, "Invalid configuration", 3),
  /** The store failed. */
  STORE_FAILURE(500, "Store failure", 4),
  /**
   * The store does not exist where it was looked for (a missing DuckDB file, a PostgreSQL database
   * without the connector's tables): it is never created implicitly.
   */
  STORE_NOT_FOUND(503, "Store not found", 3),
  /** The store cannot be reached right now (connection refused or timed out); retry later. */
  STORE_UNAVAILABLE(503, "Store unavailable", 4),
  /** A remote system (Superset, CKAN) failed or refused. */
  REMOTE_FAILURE(502, "Remote system failure", 4),
  /** Authentication is required or failed. */
  UNAUTHORIZED(401, "Unauthorized", 2),
  /** The request conflicts with work in progress (e.g. a second refresh while one runs). */
  CONFLICT(409, "Conflict", 5),
  /** The caller is authenticated but its token does not grant what was asked. */
  FORBIDDEN(403, "Forbidden", 2),
  /** A request body is larger than the configured limit. */
  PAYLOAD_TOO_LARGE(413, "Payload too large", 2),
  /**
   * Stored data cannot be used as it is (e.g. a record with a date outside the plausible window,
   * stored before the ingest checked it); the message names the records and how to correct them.
   */
  STORED_DATA_INVALID(409, "Stored data cannot be used", 2),
  /** Anything else. */
  INTERNAL(500, "Internal error", 4);

  private final int httpStatus;
  private final String title;
  private final int exitCode;

  ErrorCode(int httpStatus, String title, int exitCode) {
    this.httpStatus = httpStatus;
    this.title = title;
    this.exitCode = exitCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String title() {
    return title;
  }

  /** Exit code of the CLI when a command fails with this error. */
  public int exitCode() {
    return exitCode;
  }

  /** A stable URI-reference naming the problem type (RFC 9457 {@code type}). */
  public String type() {
    return "urn:goal-attainment:problem:"
        + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
