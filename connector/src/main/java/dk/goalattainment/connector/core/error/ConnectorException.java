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

  public ConnectorException(ErrorCode code, String message) {
    this(code, message, List.of(), null);
  }

  public ConnectorException(ErrorCode code, String message, Throwable cause) {
    this(code, message, List.of(), cause);
  }

  public ConnectorException(ErrorCode code, String message, List<FieldError> errors) {
    this(code, message, errors, null);
  }

  private ConnectorException(
      ErrorCode code, String message, List<FieldError> errors, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.errors = List.copyOf(errors);
  }

  public ErrorCode code() {
    return code;
  }

  /** Every broken rule, for {@link ErrorCode#VALIDATION_FAILED}; empty otherwise. */
  public List<FieldError> errors() {
    return errors;
  }
}
