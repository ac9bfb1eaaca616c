package dk.goalattainment.connector.http;

import java.util.Objects;

/**
 * What the stack needs to know about a request besides its bytes: method and path for the log
 * (never the query, a header or the body) and whether it may be sent again.
 */
public record HttpCall(String method, String path, Repeat repeat) {
  public HttpCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(repeat, "repeat");
  }
}
