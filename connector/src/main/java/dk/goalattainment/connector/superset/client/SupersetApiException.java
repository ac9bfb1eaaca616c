package dk.goalattainment.connector.superset.client;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;

/**
 * Superset refused or failed a request. It names the endpoint and carries Superset's own message;
 * {@link #status()} is the HTTP status, or 0 when no response came (timeout, connection refused).
 * Never carries a password or token.
 */
public class SupersetApiException extends ConnectorException {
  private final int status;
  private final String method;
  private final String endpoint;
  private final String supersetMessage;

  /** A failure with Superset's response (or 0 when there was none). */
  public SupersetApiException(
      ErrorCode code,
      String message,
      int status,
      String method,
      String endpoint,
      String supersetMessage,
      Throwable cause) {
    super(code, message, cause);
    this.status = status;
    this.method = method;
    this.endpoint = endpoint;
    this.supersetMessage = supersetMessage == null ? "" : supersetMessage;
  }

  /** The HTTP status of Superset's answer, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /** The request's HTTP method. */
  public String method() {
    return method;
  }

  /** The request's path, without the query. */
  public String endpoint() {
    return endpoint;
  }

  /** Superset's own message from the response body, or empty. */
  public String supersetMessage() {
    return supersetMessage;
  }
}
