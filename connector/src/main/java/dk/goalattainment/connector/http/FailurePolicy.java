package dk.goalattainment.connector.http;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.http.ConnectionClosedException;
import org.apache.http.MalformedChunkCodingException;
import org.apache.http.NoHttpResponseException;
import org.apache.http.conn.ConnectTimeoutException;

/**
 * The one error policy of the HTTP stack: which failures are transient, what each says about
 * whether the server processed the request, and so whether a request may be sent again.
 *
 * <table>
 *   <caption>Failures and what they allow</caption>
 *   <tr><th>failure</th><th>outcome</th><th>repeated for</th></tr>
 *   <tr><td>no connection (refused, no route, connect timeout); 503; 429</td>
 *       <td>{@link Outcome#NOT_PROCESSED}</td><td>{@link Repeat#SAFE}, {@link
 *       Repeat#IF_UNPROCESSED}</td></tr>
 *   <tr><td>read timeout, connection reset or closed after the request was sent; 500, 502,
 *       504</td><td>{@link Outcome#MAYBE_PROCESSED}</td><td>{@link Repeat#SAFE}</td></tr>
 *   <tr><td>any other status; unknown host, TLS and file errors</td><td>{@link
 *       Outcome#FINAL}</td><td>never</td></tr>
 * </table>
 *
 * <p>500 counts as transient for safe requests because Superset and CKAN answer it for a lost
 * connection to their own metadata database too; Superset's assets import is {@link Repeat#NEVER}
 * and so never repeated, whatever it answers.
 */
public final class FailurePolicy {
  private FailurePolicy() {}

  /** What a failed attempt says about whether the server processed the request. */
  public enum Outcome {
    /** The server did not process it: no connection was made, or it answered 503 or 429. */
    NOT_PROCESSED,
    /** The server may have processed it: the answer was lost, or a 500, 502 or 504. */
    MAYBE_PROCESSED,
    /** Not transient: sending it again would fail the same way. */
    FINAL
  }

  /** The outcome of an answer with this status. */
  public static Outcome ofStatus(int status) {
    return switch (status) {
      case 429, 503 -> Outcome.NOT_PROCESSED;
      case 500, 502, 504 -> Outcome.MAYBE_PROCESSED;
      default -> Outcome.FINAL;
    };
  }

  /** The outcome of an attempt that got no answer, by the root cause of {@code failure}. */
  public static Outcome ofFailure(Throwable failure) {
    Throwable cause = rootCause(failure);
    if (cause instanceof ConnectException
        || cause instanceof NoRouteToHostException
        || cause instanceof ConnectTimeoutException) {
      return Outcome.NOT_PROCESSED;
    }
    if (cause instanceof SocketTimeoutException
        || cause instanceof SocketException
        || cause instanceof NoHttpResponseException
        || cause instanceof ConnectionClosedException
        || cause instanceof MalformedChunkCodingException
        || cause instanceof EOFException) {
      return Outcome.MAYBE_PROCESSED;
    }
    return Outcome.FINAL;
  }

  /** Whether a request declared {@code repeat} may be sent again after {@code outcome}. */
  public static boolean mayRepeat(Repeat repeat, Outcome outcome) {
    return switch (repeat) {
      case SAFE -> outcome != Outcome.FINAL;
      case IF_UNPROCESSED -> outcome == Outcome.NOT_PROCESSED;
      case NEVER -> false;
    };
  }

  /**
   * A failure without an answer, for people: {@code timed out (Read timed out)}, {@code connection
   * refused (…)}. Names hosts at most, never a header or body.
   */
  public static String describe(Throwable failure) {
    Throwable cause = rootCause(failure);
    String message = cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
    if (cause instanceof ConnectTimeoutException) {
      return "timed out connecting" + message;
    }
    if (cause instanceof SocketTimeoutException) {
      return "timed out" + message;
    }
    if (cause instanceof ConnectException) {
      return "connection refused" + message;
    }
    if (cause instanceof UnknownHostException) {
      return "unknown host" + message;
    }
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
