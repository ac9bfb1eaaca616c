package dk.goalattainment.connector.http;

/**
 * A request got no answer after every attempt the policy allowed: connection refused, timed out,
 * reset. The adapters turn it into their own errors; it never carries a header or body.
 */
public final class NoAnswerException extends RuntimeException {
  private final int attempts;
  private final String what;
  private final boolean mayHaveBeenApplied;

  NoAnswerException(
      String service, HttpCall call, int attempts, String what, boolean applied, Throwable cause) {
    super(
        service
            + " did not answer "
            + call.method()
            + " "
            + call.path()
            + " after "
            + attempts
            + " attempt(s): "
            + what,
        cause);
    this.attempts = attempts;
    this.what = what;
    this.mayHaveBeenApplied = applied;
  }

  /** Attempts made, the first included. */
  public int attempts() {
    return attempts;
  }

  /** What went wrong on the last attempt, e.g. {@code timed out (Read timed out)}. */
  public String what() {
    return what;
  }

  /**
   * Whether the server may have processed the request although no answer came (the connection broke
   * or timed out after it was sent).
   */
  public boolean mayHaveBeenApplied() {
    return mayHaveBeenApplied;
  }
}
