package dk.goalattainment.connector.core.error;

import java.util.List;
import java.util.Objects;

/**
 * The connector's one exception type: an {@link ErrorCode}, a message fit for the user (never a CPR
 * number), and for validation failures the full list of field errors.
 */
public class ConnectorException extends RuntimeException {
  private final ErrorCode code;
  private final List<FieldError> errors;
  private final long errorCount;

  public ConnectorException(ErrorCode code, String message) {
    this(code, message, List.of(), null);
  }

  public ConnectorException(ErrorCode code, String message, Throwable cause) {
    this(code, message, List.of(), cause);
  }

  public ConnectorException(ErrorCode code, String message, List<FieldError> errors) {
    this(code, message, errors, null);
  }

  /**
   * A failure listing only the first of its errors: {@code errorCount} is how many there were in
   * all (at least {@code errors.size()}).
   */
  public ConnectorException(
      ErrorCode code, String message, List<FieldError> errors, long errorCount) {
    this(code, message, errors, errorCount, null);
  }

  private ConnectorException(
      ErrorCode code, String message, List<FieldError> errors, Throwable cause) {
    this(code, message, errors, errors.size(), cause);
  }

  private ConnectorException(
      ErrorCode code, String message, List<FieldError> errors, long errorCount, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.errors = List.copyOf(errors);
    if (errorCount < this.errors.size()) {
      throw new IllegalArgumentException("errorCount must be at least the number of errors listed");
    }
    this.errorCount = errorCount;
  }

  public ErrorCode code() {
    return code;
  }

  /** Every broken rule, for {@link ErrorCode#VALIDATION_FAILED}; empty otherwise. */
  public List<FieldError> errors() {
    return errors;
  }

  /** How many errors there were in all; more than {@link #errors()} holds when the list is cut. */
  public long errorCount() {
    return errorCount;
  }
}
