package dk.goalattainment.connector.superset.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.HttpAnswer;
import dk.goalattainment.connector.http.HttpCall;
import dk.goalattainment.connector.http.HttpStack;
import dk.goalattainment.connector.http.NoAnswerException;
import dk.goalattainment.connector.http.Repeat;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Superset's session over the shared {@link HttpStack}: the JWT pair, the CSRF token and the
 * cookies Superset sets; a 401 refreshes the token once, a refused CSRF token or a redirected write
 * renews the token and session once. Transient failures are the stack's: every request declares
 * whether it may be repeated ({@link Kind#repeat()}). Never logs a body, a password or a token.
 */
final class SupersetHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SupersetHttp.class);

  static final String LOGIN = "/api/v1/security/login";
  static final String REFRESH = "/api/v1/security/refresh";
  static final String CSRF = "/api/v1/security/csrf_token/";

  /** What a request is for: decides authentication, CSRF and whether it may be repeated. */
  enum Kind {
    LOGIN,
    REFRESH,
    CSRF,
    READ,
    /**
     * A JSON write: {@code PUT} and {@code DELETE} by id, or a create Superset keys by a unique
     * name (database, dataset, role, RLS rule), so a repeat is refused rather than stored twice.
     */
    WRITE,
    /** The assets import: its failures are not transient, so it is never repeated. */
    IMPORT;

    Repeat repeat() {
      return this == IMPORT ? Repeat.NEVER : Repeat.SAFE;
    }
  }

  /** One request; the entity is built afresh for every attempt. */
  record Call(Kind kind, String method, String path, String rawQuery, Supplier<Entity<?>> entity) {
    boolean isWrite() {
      return kind == Kind.WRITE || kind == Kind.IMPORT;
    }

    boolean authenticated() {
      return kind != Kind.LOGIN && kind != Kind.REFRESH;
    }
  }

  private final SupersetConfig config;
  private final ObjectMapper json;
  private final HttpStack stack;
  private final SessionCookies cookies = new SessionCookies();
  private String accessToken;
  private String refreshToken;
  private String csrfToken;

  SupersetHttp(SupersetConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.stack = new HttpStack("Superset", config.http(), json);
  }

  ObjectMapper json() {
    return json;
  }

  /** Logs in with user name and password and keeps the access and refresh tokens. */
  synchronized void login() {
    ObjectNode body = json.createObjectNode();
    body.put("username", config.username());
    body.put("password", config.password());
    body.put("provider", config.provider().wireName());
    body.put("refresh", true);
    JsonNode answer;
    try {
      answer = exchange(new Call(Kind.LOGIN, "POST", LOGIN, null, () -> Entity.json(body)));
    } catch (SupersetApiException e) {
      if (e.status() == 401 || e.status() == 400) {
        throw new SupersetApiException(
            ErrorCode.UNAUTHORIZED,
            "Superset login failed for user '"
                + config.username()
                + "' (provider "
                + config.provider().wireName()
                + "): "
                + e.supersetMessage(),
            e.status(),
            "POST",
            LOGIN,
            e.supersetMessage(),
            null);
      }
      throw e;
    }
    String access = answer.path("access_token").asText("");
    if (access.isEmpty()) {
      throw SupersetErrors.missing("POST", LOGIN, "login answer has no access_token");
    }
    accessToken = access;
    refreshToken = answer.path("refresh_token").asText(null);
    LOG.debug("Logged in to Superset at {} as {}", config.url(), config.username());
  }

  /** A GET with an optional rison {@code q}. */
  JsonNode get(String path, String risonQuery) {
    String raw = risonQuery == null ? null : "q=" + encode(risonQuery);
    return exchange(new Call(Kind.READ, "GET", path, raw, null));
  }

  /** A JSON write: POST, PUT or DELETE (body may be {@code null}). */
  JsonNode write(String method, String path, JsonNode body) {
    return exchange(
        new Call(Kind.WRITE, method, path, null, body == null ? null : () -> Entity.json(body)));
  }

  /**
   * A multipart POST that is sent once: a 5xx answer or a lost connection fails at once (an import
   * fails for a cause in the bundle, which a retry cannot fix). A refused CSRF token is still
   * renewed once, since Superset did not process the request.
   */
  JsonNode writeMultipartOnce(String path, Supplier<Entity<?>> entity) {
    return exchange(new Call(Kind.IMPORT, "POST", path, null, entity));
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  private synchronized JsonNode exchange(Call call) {
    boolean reauthenticated = false;
    boolean csrfRenewed = false;
    while (true) {
      if (call.authenticated() && accessToken == null) {
        login();
      }
      if (call.isWrite() && csrfToken == null) {
        fetchCsrfToken();
      }
      HttpAnswer answer = send(call);
      int status = answer.status();
      if (status >= 200 && status < 300) {
        return parse(call, answer);
      }
      String message = SupersetErrors.supersetMessage(answer.body());
      if (status >= 300 && status < 400) {
        if (call.isWrite() && !csrfRenewed) {
          csrfRenewed = true;
          csrfToken = null;
          LOG.warn(
              "Superset redirected {} {} to {}; renewing the CSRF token and session once",
              call.method(),
              call.path(),
              answer.header("Location"));
          continue;
        }
        throw SupersetErrors.redirected(call, status, answer.header("Location"));
      }
      if (status == 401 && call.authenticated() && !reauthenticated) {
        reauthenticated = true;
        LOG.info(
            "Superset answered 401 to {} {}; refreshing the token", call.method(), call.path());
        refreshOrLogin();
        continue;
      }
      if (status == 400 && call.isWrite() && SupersetErrors.isCsrfFailure(message)) {
        if (!csrfRenewed) {
          csrfRenewed = true;
          csrfToken = null;
          LOG.warn(
              "Superset refused the CSRF token on {} {}; renewing it once",
              call.method(),
              call.path());
          continue;
        }
        throw SupersetErrors.csrfRefused(call, status, message);
      }
      if (status >= 500) {
        throw SupersetErrors.failed(call, answer, message);
      }
      throw SupersetErrors.refused(call, answer, message);
    }
  }

  private void refreshOrLogin() {
    if (refreshToken != null) {
      try {
        JsonNode answer = exchange(new Call(Kind.REFRESH, "POST", REFRESH, null, null));
        String access = answer.path("access_token").asText("");
        if (!access.isEmpty()) {
          accessToken = access;
          return;
        }
      } catch (SupersetApiException e) {
        if (e.status() != 401 && e.status() != 422 && e.status() != 400) {
          throw e;
        }
        LOG.info("Superset refused the refresh token ({}); logging in again", e.status());
      }
    }
    accessToken = null;
    login();
  }

  private void fetchCsrfToken() {
    JsonNode answer = exchange(new Call(Kind.CSRF, "GET", CSRF, null, null));
    String token = answer.path("result").asText("");
    if (token.isEmpty()) {
      throw SupersetErrors.missing("GET", CSRF, "CSRF token answer has no result");
    }
    csrfToken = token;
  }

  /** One request through the stack's retry policy; keeps the cookies of the answer. */
  private HttpAnswer send(Call call) {
    URI uri =
        URI.create(
            config.url() + call.path() + (call.rawQuery() == null ? "" : "?" + call.rawQuery()));
    HttpAnswer answer;
    try {
      answer =
          stack.send(
              new HttpCall(call.method(), call.path(), call.kind().repeat()),
              () -> request(call, uri));
    } catch (NoAnswerException e) {
      throw SupersetErrors.noAnswer(call, e);
    }
    cookies.keep(answer.headerValues("Set-Cookie"));
    return answer;
  }

  private Response request(Call call, URI uri) {
    Invocation.Builder request = stack.target(uri).request().header("Accept", "application/json");
    switch (call.kind()) {
      case LOGIN -> {}
      case REFRESH -> request.header("Authorization", "Bearer " + refreshToken);
      default -> request.header("Authorization", "Bearer " + accessToken);
    }
    if (call.isWrite()) {
      request.header("X-CSRFToken", csrfToken);
      // Flask-WTF checks the Referer against the host on https (WTF_CSRF_SSL_STRICT).
      request.header("Referer", config.url() + "/");
    }
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.header());
    }
    Entity<?> entity = call.entity() == null ? null : call.entity().get();
    return entity == null ? request.method(call.method()) : request.method(call.method(), entity);
  }

  private JsonNode parse(Call call, HttpAnswer answer) {
    if (answer.body().isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(answer.body());
    } catch (JsonProcessingException e) {
      throw SupersetErrors.notJson(call, answer.status(), e);
    }
  }

  @Override
  public void close() {
    stack.close();
  }
}
