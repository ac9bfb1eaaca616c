package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;

/**
 * Request bodies read as streams, never held in memory whole: refuses an empty body with a clear
 * 400 and a body over the size limit with a 413 problem, whether the server noticed the size first
 * (Content-Length) or the stream runs over while it is read (chunked transfer).
 */
final class RequestBodies {
  private RequestBodies() {}

  /**
   * The body as a stream that fails with {@link ErrorCode#PAYLOAD_TOO_LARGE} beyond {@code limit}
   * bytes, after checking that it is not empty.
   *
   * @param body the body stream, or null when the request has none
   * @param limit the most bytes accepted ({@code micronaut.server.max-request-size})
   */
  static InputStream limited(InputStream body, long limit) {
    if (body == null) {
      throw empty();
    }
    PushbackInputStream in = new PushbackInputStream(new Limited(body, limit), 1);
    try {
      int first = in.read();
      if (first < 0) {
        throw empty();
      }
      in.unread(first);
    } catch (IOException e) {
      throw new ConnectorException(ErrorCode.INTERNAL, "Could not read the request body", e);
    }
    return in;
  }

  private static ConnectorException empty() {
    return new ConnectorException(
        ErrorCode.BAD_REQUEST,
        "The request body is empty: send the records as CSV with a header row (Content-Type:"
            + " text/csv) or as a JSON array of objects (Content-Type: application/json).");
  }

  /** The 413 problem for a body over {@code limit} bytes. */
  static ConnectorException tooLarge(long limit) {
    return new ConnectorException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "The request body is larger than the limit of "
            + size(limit)
            + " (micronaut.server.max-request-size); nothing was stored. Split the file, or load"
            + " it with `connector ingest`, which has no limit.");
  }

  static String size(long bytes) {
    if (bytes % (1024L * 1024) == 0) {
      return bytes / (1024L * 1024) + " MiB";
    }
    return String.format(Locale.ROOT, "%,d bytes", bytes);
  }

  /** Counts the bytes read and turns running over the limit into the 413 problem. */
  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long read;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = guard(() -> super.read());
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = guard(() -> super.read(buffer, offset, length));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) {
      read += n;
      if (read > limit) {
        throw tooLarge(limit);
      }
    }

    private interface Read {
      int run() throws IOException;
    }

    private int guard(Read r) throws IOException {
      try {
        return r.run();
      } catch (IOException | RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          if (t instanceof ContentLengthExceededException) {
            throw tooLarge(limit);
          }
        }
        throw e;
      }
    }
  }
}
