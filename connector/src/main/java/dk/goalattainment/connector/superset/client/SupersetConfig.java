package dk.goalattainment.connector.superset.client;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.HttpSettings;
import dk.goalattainment.connector.http.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where Superset is and how to log in. Validated on construction: every problem is listed in one
 * {@link ErrorCode#CONFIGURATION_INVALID} error. {@link #toString()} never shows the password.
 *
 * @param url Superset's base URL, {@code http} or {@code https}, for example {@code
 *     https://superset.example.org} (a path prefix such as {@code /superset} is kept)
 * @param username the user that owns the registered assets
 * @param password that user's password
 * @param provider {@code db} or {@code ldap}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for a response
 * @param retry how to repeat requests that failed transiently ({@link
 *     dk.goalattainment.connector.http.FailurePolicy})
 */
public record SupersetConfig(
    URI url,
    String username,
    String password,
    AuthProvider provider,
    Duration connectTimeout,
    Duration readTimeout,
    RetryPolicy retry) {

  /** Ten seconds to connect. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = HttpSettings.DEFAULT_CONNECT_TIMEOUT;

  /** Sixty seconds for a response: an assets import can take a while. */
  public static final Duration DEFAULT_READ_TIMEOUT = HttpSettings.DEFAULT_READ_TIMEOUT;

  public SupersetConfig {
    List<String> problems = new ArrayList<>();
    if (url == null) {
      problems.add("url is required");
    } else {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
        problems.add("url must be an absolute http or https URL");
      } else if (url.getHost() == null) {
        problems.add("url must name a host");
      }
      if (url.getRawQuery() != null || url.getRawFragment() != null) {
        problems.add("url must not have a query or fragment");
      }
      if (url.getRawUserInfo() != null) {
        problems.add("url must not carry credentials; use username and password");
      }
    }
    if (username == null || username.isBlank()) {
      problems.add("username is required");
    }
    if (password == null || password.isEmpty()) {
      problems.add("password is required");
    }
    if (provider == null) {
      problems.add("provider is required (db or ldap)");
    }
    problems.addAll(HttpSettings.problems(connectTimeout, readTimeout, retry));
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "Invalid Superset configuration: " + String.join("; ", problems));
    }
    String text = url.toString();
    if (text.endsWith("/")) {
      url = URI.create(text.replaceAll("/+$", ""));
    }
  }

  /** A configuration with the given timeouts and retries ({@code connector.http.*}). */
  public static SupersetConfig of(
      URI url, String username, String password, AuthProvider provider, HttpSettings http) {
    return new SupersetConfig(
        url, username, password, provider, http.connectTimeout(), http.readTimeout(), http.retry());
  }

  /** The timeouts and retries, for the HTTP stack. */
  public HttpSettings http() {
    return new HttpSettings(connectTimeout, readTimeout, retry);
  }

  /** A configuration with the default timeouts and retry policy. */
  public static SupersetConfig of(
      URI url, String username, String password, AuthProvider provider) {
    return new SupersetConfig(
        url,
        username,
        password,
        provider,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        RetryPolicy.DEFAULT);
  }

  /** The same configuration with another retry policy. */
  public SupersetConfig withRetry(RetryPolicy newRetry) {
    return new SupersetConfig(
        url, username, password, provider, connectTimeout, readTimeout, newRetry);
  }

  /** The same configuration with other timeouts. */
  public SupersetConfig withTimeouts(Duration newConnectTimeout, Duration newReadTimeout) {
    return new SupersetConfig(
        url, username, password, provider, newConnectTimeout, newReadTimeout, retry);
  }

  @Override
  public String toString() {
    return "SupersetConfig[url="
        + url
        + ", username="
        + username
        + ", password=******, provider="
        + provider
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", retry="
        + retry
        + "]";
  }
}
