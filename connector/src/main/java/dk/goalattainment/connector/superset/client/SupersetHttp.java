package dk.goalattainment.connector.superset.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.core.error.ErrorCode;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ContextResolver;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport under {@link SupersetClient}: one JAX-RS client, the JWT pair, the CSRF token and
 * the cookies Superset sets, retries with backoff, and error mapping. Never logs a body, a password
 * or a token.
 */
final class SupersetHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SupersetHttp.class);
  private static final int MAX_MESSAGE = 500;

  static final String LOGIN = "/api/v1/security/login";
  static final String REFRESH = "/api/v1/security/refresh";
  static final String CSRF = "/api/v1/security/csrf_token/";

  /** What a request is for: decides authentication, CSRF and which failures are retried. */
  enum Kind {
    LOGIN,
    REFRESH,
    CSRF,
    READ,
    WRITE,
    /** A write whose failure is not transient: never repeated after Superset failed it. */
    IMPORT
  }

  /** One request; the entity is built afresh for every attempt. */
  record Call(Kind kind, String method, String path, String rawQuery, Supplier<Entity<?>> entity) {}

  private final SupersetConfig config;
  private final ObjectMapper json;
  private final Client client;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String accessToken;
  private String refreshToken;
  private String csrfToken;

  SupersetHttp(SupersetConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    ClientConfig cc = new ClientConfig();
    cc.property(ClientProperties.CONNECT_TIMEOUT, millis(config.connectTimeout()));
    cc.property(ClientProperties.READ_TIMEOUT, millis(config.readTimeout()));
    // A redirect on a write means Superset refused the CSRF token or session (it sends multipart
    // writes to /login/); following it would turn the refusal into a 200 from the login page.
    cc.property(ClientProperties.FOLLOW_REDIRECTS, false);
    cc.register(JacksonFeature.class);
    cc.register(new MapperResolver(json));
    cc.register(MultiPartFeature.class);
    this.client = JerseyClientBuilder.createClient(cc);
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
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
      throw new SupersetApiException(
          ErrorCode.REMOTE_FAILURE,
          "Superset's login answer has no access_token",
          200,
          "POST",
          LOGIN,
          "",
          null);
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

  /** A multipart POST; the supplier builds the entity for every attempt. */
  JsonNode writeMultipart(String path, Supplier<Entity<?>> entity) {
    return exchange(new Call(Kind.WRITE, "POST", path, null, entity));
  }

  /**
   * A multipart POST that is sent once: a 5xx answer or a lost connection fails at once (an import
   * fails for a cause in the bundle, which a retry cannot fix). A refused CSRF token is still
   * renewed once, since Superset did not process the request.
   */
  JsonNode writeMultipartOnce(String path, Supplier<Entity<?>> entity) {
    return exchange(new Call(Kind.IMPORT, "POST", path, null, entity));
  }

  private static boolean isWrite(Call call) {
    return call.kind() == Kind.WRITE || call.kind() == Kind.IMPORT;
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  private synchronized JsonNode exchange(Call call) {
    boolean reauthenticated = false;
    boolean csrfRenewed = false;
    int failures = 0;
    while (true) {
      if (call.kind() == Kind.READ || isWrite(call) || call.kind() == Kind.CSRF) {
        if (accessToken == null) {
          login();
        }
      }
      if (isWrite(call) && csrfToken == null) {
        fetchCsrfToken();
      }
      Answer answer;
      try {
        answer = send(call);
      } catch (ProcessingException e) {
        failures++;
        String what = describe(e);
        if (call.kind() != Kind.IMPORT && failures < config.retry().maxAttempts()) {
          pause(call, failures, what);
          continue;
        }
        throw new SupersetApiException(
            ErrorCode.REMOTE_FAILURE,
            "Superset did not answer "
                + call.method()
                + " "
                + call.path()
                + " after "
                + failures
                + " attempt(s): "
                + what,
            0,
            call.method(),
            call.path(),
            "",
            e);
      }
      int status = answer.status();
      if (status >= 200 && status < 300) {
        return parse(call, answer);
      }
      String message = supersetMessage(answer.body());
      if (status >= 300 && status < 400) {
        if (isWrite(call) && !csrfRenewed) {
          csrfRenewed = true;
          csrfToken = null;
          LOG.warn(
              "Superset redirected {} {} to {}; renewing the CSRF token and session once",
              call.method(),
              call.path(),
              answer.location());
          continue;
        }
        throw redirected(call, status, answer.location());
      }
      if (status == 401 && call.kind() != Kind.LOGIN && call.kind() != Kind.REFRESH) {
        if (!reauthenticated) {
          reauthenticated = true;
          LOG.info(
              "Superset answered 401 to {} {}; refreshing the token", call.method(), call.path());
          refreshOrLogin();
          continue;
        }
      }
      if (status == 400 && isWrite(call) && isCsrfFailure(message)) {
        if (!csrfRenewed) {
          csrfRenewed = true;
          csrfToken = null;
          LOG.warn(
              "Superset refused the CSRF token on {} {}; renewing it once",
              call.method(),
              call.path());
          continue;
        }
        throw new SupersetApiException(
            ErrorCode.REMOTE_FAILURE,
            "Superset refused the CSRF token or session on "
                + call.method()
                + " "
                + call.path()
                + " (400): "
                + message
                + ". Check that cookies reach Superset (SESSION_COOKIE_SECURE needs https) and that"
                + " the URL is the one Superset is served at.",
            status,
            call.method(),
            call.path(),
            message,
            null);
      }
      if (status >= 500) {
        failures++;
        if (call.kind() != Kind.IMPORT && failures < config.retry().maxAttempts()) {
          pause(call, failures, status + " " + message);
          continue;
        }
        throw new SupersetApiException(
            ErrorCode.REMOTE_FAILURE,
            "Superset failed "
                + call.method()
                + " "
                + call.path()
                + " with "
                + status
                + " after "
                + failures
                + " attempt(s): "
                + message,
            status,
            call.method(),
            call.path(),
            message,
            null);
      }
      throw refused(call, status, message);
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
      throw new SupersetApiException(
          ErrorCode.REMOTE_FAILURE,
          "Superset's CSRF token answer has no result",
          200,
          "GET",
          CSRF,
          "",
          null);
    }
    csrfToken = token;
  }

  private Answer send(Call call) {
    URI uri =
        URI.create(
            config.url() + call.path() + (call.rawQuery() == null ? "" : "?" + call.rawQuery()));
    Invocation.Builder request = client.target(uri).request().header("Accept", "application/json");
    switch (call.kind()) {
      case LOGIN -> {}
      case REFRESH -> request.header("Authorization", "Bearer " + refreshToken);
      default -> request.header("Authorization", "Bearer " + accessToken);
    }
    if (isWrite(call)) {
      request.header("X-CSRFToken", csrfToken);
      // Flask-WTF checks the Referer against the host on https (WTF_CSRF_SSL_STRICT).
      request.header("Referer", config.url() + "/");
    }
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookieHeader());
    }
    long started = System.nanoTime();
    Entity<?> entity = call.entity() == null ? null : call.entity().get();
    try (Response response =
        entity == null ? request.method(call.method()) : request.method(call.method(), entity)) {
      keepCookies(response);
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      LOG.debug(
          "Superset {} {} -> {} ({} ms)",
          call.method(),
          call.path(),
          response.getStatus(),
          (System.nanoTime() - started) / 1_000_000);
      return new Answer(response.getStatus(), body, response.getHeaderString("Location"));
    }
  }

  private String cookieHeader() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> c : cookies.entrySet()) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(c.getKey()).append('=').append(c.getValue());
    }
    return out.toString();
  }

  /** Keeps Superset's cookies (the Flask {@code session} carries the CSRF secret). */
  private void keepCookies(Response response) {
    List<String> setCookies = response.getStringHeaders().get("Set-Cookie");
    if (setCookies == null) {
      return;
    }
    for (String header : setCookies) {
      String[] parts = header.split(";");
      int eq = parts[0].indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = parts[0].substring(0, eq).trim();
      String value = parts[0].substring(eq + 1).trim();
      boolean expired = value.isEmpty();
      for (int i = 1; i < parts.length; i++) {
        String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
        if (attribute.equals("max-age=0") || attribute.startsWith("max-age=-")) {
          expired = true;
        }
      }
      if (expired) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }

  private void pause(Call call, int failures, String what) {
    Duration delay = config.retry().delayAfter(failures);
    LOG.warn(
        "Superset {} {} failed ({}); attempt {} of {} in {} ms",
        call.method(),
        call.path(),
        what,
        failures + 1,
        config.retry().maxAttempts(),
        delay.toMillis());
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SupersetApiException(
          ErrorCode.REMOTE_FAILURE,
          "Interrupted while waiting to retry " + call.method() + " " + call.path(),
          0,
          call.method(),
          call.path(),
          "",
          e);
    }
  }

  private static String describe(ProcessingException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof SocketTimeoutException) {
      return "timed out (" + cause.getMessage() + ")";
    }
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  private static SupersetApiException redirected(Call call, int status, String location) {
    String where = location == null ? "another page" : location;
    String why =
        isWrite(call)
            ? " instead of answering: it did not accept the CSRF token or the session cookie, so"
                + " the request was not applied. Check that cookies reach Superset (a proxy that"
                + " drops them, or SESSION_COOKIE_SECURE over plain http) and that the URL is the"
                + " one Superset is served at."
            : " instead of answering: check that the URL is Superset's own (not a login proxy"
                + " in front of it).";
    return new SupersetApiException(
        ErrorCode.REMOTE_FAILURE,
        "Superset redirected "
            + call.method()
            + " "
            + call.path()
            + " ("
            + status
            + ") to "
            + where
            + why,
        status,
        call.method(),
        call.path(),
        "",
        null);
  }

  private static SupersetApiException refused(Call call, int status, String message) {
    ErrorCode code =
        status == 401 || status == 403 ? ErrorCode.UNAUTHORIZED : ErrorCode.REMOTE_FAILURE;
    String verb =
        switch (status) {
          case 401 -> "Superset refused the credentials for";
          case 403 -> "Superset forbade";
          default -> "Superset refused";
        };
    return new SupersetApiException(
        code,
        verb + " " + call.method() + " " + call.path() + " (" + status + "): " + message,
        status,
        call.method(),
        call.path(),
        message,
        null);
  }

  private static boolean isCsrfFailure(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("csrf") || m.contains("referrer");
  }

  /**
   * Superset's message from an error body: {@code {"message": "…"}}, {@code {"message": {"field":
   * ["…"]}}}, {@code {"errors": [{"message": "…"}]}} or {@code {"msg": "…"}} (JWT errors); the
   * start of the text otherwise.
   */
  static String supersetMessage(String body) {
    if (body == null || body.isBlank()) {
      return "(no message)";
    }
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(body);
    } catch (JsonProcessingException e) {
      node = null;
    }
    String text;
    if (node == null || !node.isObject()) {
      text = body.replaceAll("<[^>]*>", " ");
    } else if (node.has("message")) {
      text = flatten(node.get("message"));
    } else if (node.path("errors").isArray()) {
      List<String> messages = new ArrayList<>();
      node.get("errors").forEach(e -> messages.add(flatten(e.path("message"))));
      text = String.join("; ", messages);
    } else if (node.has("msg")) {
      text = flatten(node.get("msg"));
    } else {
      text = node.toString();
    }
    text = text.replaceAll("\\s+", " ").trim();
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
  }

  private static String flatten(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "";
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      node.forEach(n -> parts.add(flatten(n)));
      return String.join("; ", parts);
    }
    if (node.isObject()) {
      List<String> parts = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        parts.add(f.getKey() + ": " + flatten(f.getValue()));
      }
      return String.join(", ", parts);
    }
    return node.asText();
  }

  @Override
  public void close() {
    client.close();
  }

  private JsonNode parse(Call call, Answer answer) {
    if (answer.body() == null || answer.body().isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(answer.body());
    } catch (JsonProcessingException e) {
      throw new SupersetApiException(
          ErrorCode.REMOTE_FAILURE,
          "Superset answered "
              + call.method()
              + " "
              + call.path()
              + " with "
              + answer.status()
              + " but the body is not JSON (is the URL Superset's?)",
          answer.status(),
          call.method(),
          call.path(),
          "",
          e);
    }
  }

  /** A response, read in full. */
  private record Answer(int status, String body, String location) {}

  /** Gives Jersey's Jackson provider the connector's mapper. */
  private record MapperResolver(ObjectMapper mapper) implements ContextResolver<ObjectMapper> {
    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }
}
