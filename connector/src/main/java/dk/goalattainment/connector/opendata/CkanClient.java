package dk.goalattainment.connector.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small client of CKAN's Action API: {@code POST {base}/api/3/action/{name}} with a JSON body (or
 * a multipart form for a file upload) and the API token in the {@code Authorization} header. CKAN
 * answers {@code {"success": true, "result": …}} or {@code {"success": false, "error": {"__type":
 * …, "message": …, <field>: [errors] …}}} (403 for an authorization error, 404 for not found, 409
 * for a validation error); failures become a {@link ConnectorException}:
 *
 * <ul>
 *   <li>{@code Authorization Error}, HTTP 401/403 → {@link ErrorCode#UNAUTHORIZED};
 *   <li>{@code Validation Error}, HTTP 409 and other 4xx → {@link ErrorCode#BAD_REQUEST}, with the
 *       field errors in the message;
 *   <li>anything else (5xx, not JSON, unreachable) → {@link ErrorCode#REMOTE_FAILURE}.
 * </ul>
 *
 * The token never appears in a message.
 */
public final class CkanClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DETAIL = 2000;

  private final URI base;
  private final String apiToken;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param base the CKAN site, e.g. {@code https://www.opendata.dk}
   * @param apiToken the API token, or null for anonymous (read-only) calls
   */
  public CkanClient(URI base, String apiToken) {
    this(
        base,
        apiToken,
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build(),
        Duration.ofMinutes(5));
  }

  /**
   * @param base the CKAN site
   * @param apiToken the API token, or null for anonymous calls
   * @param http the HTTP client to use
   * @param timeout the time allowed for one call (uploads included)
   */
  public CkanClient(URI base, String apiToken, HttpClient http, Duration timeout) {
    Objects.requireNonNull(base, "base");
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.apiToken = apiToken == null || apiToken.isBlank() ? null : apiToken;
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** The CKAN site. */
  public URI base() {
    return base;
  }

  /** Calls an action with a JSON body and returns its {@code result}. */
  public JsonNode call(String action, ObjectNode body) {
    HttpRequest.Builder request =
        request(action)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    return send(action, request.build());
  }

  /**
   * Calls an action with a multipart form: text fields plus a file in the field {@code upload}, as
   * {@code resource_create} and {@code resource_patch} take it.
   */
  public JsonNode callWithUpload(
      String action, Map<String, String> fields, Path file, String fileName, String mediaType) {
    MultipartBody body = new MultipartBody();
    fields.forEach(body::field);
    body.file("upload", fileName, mediaType, file);
    try {
      HttpRequest request =
          request(action).header("Content-Type", body.contentType()).POST(body.publisher()).build();
      return send(action, request);
    } catch (FileNotFoundException e) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "Cannot upload " + file + ": the file does not exist", e);
    }
  }

  /** {@code package_show}: the dataset, or empty when CKAN does not know it. */
  public Optional<JsonNode> packageShow(String nameOrId) {
    try {
      return Optional.of(call("package_show", JSON.createObjectNode().put("id", nameOrId)));
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  private HttpRequest.Builder request(String action) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve("api/3/action/" + action))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (apiToken != null) {
      b.header("Authorization", apiToken);
    }
    return b;
  }

  private JsonNode send(String action, HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.REMOTE_FAILURE,
          "CKAN at " + base + " could not be reached for " + action + ": " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException(
          ErrorCode.REMOTE_FAILURE, "Interrupted while calling CKAN " + action, e);
    }
    int status = response.statusCode();
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject() || !json.has("success")) {
      throw new ConnectorException(
          status == 401 || status == 403 ? ErrorCode.UNAUTHORIZED : ErrorCode.REMOTE_FAILURE,
          "CKAN answered "
              + action
              + " with HTTP "
              + status
              + " and no Action API response"
              + (status == 404 ? " (is " + base + " a CKAN site?)" : ""));
    }
    if (json.path("success").asBoolean(false) && status < 300) {
      return json.path("result");
    }
    throw failure(action, status, json.path("error"));
  }

  private ConnectorException failure(String action, int status, JsonNode error) {
    String type = error.path("__type").asText("");
    String detail = describe(error);
    String message =
        "CKAN refused "
            + action
            + " (HTTP "
            + status
            + (type.isEmpty() ? "" : ", " + type)
            + ")"
            + (detail.isEmpty() ? "" : ": " + detail);
    if ("Not Found Error".equals(type) || (type.isEmpty() && status == 404)) {
      return new NotFound(message);
    }
    if ("Authorization Error".equals(type) || status == 401 || status == 403) {
      return new ConnectorException(
          ErrorCode.UNAUTHORIZED,
          message + ". Check the API token and that its user may edit the organisation.");
    }
    if ("Validation Error".equals(type) || (status >= 400 && status < 500)) {
      return new ConnectorException(ErrorCode.BAD_REQUEST, message);
    }
    return new ConnectorException(ErrorCode.REMOTE_FAILURE, message);
  }

  /** The message and each field's errors: {@code name: That URL is already in use.}. */
  private static String describe(JsonNode error) {
    List<String> parts = new ArrayList<>();
    if (error.hasNonNull("message")) {
      parts.add(error.get("message").asText());
    }
    Iterator<Map.Entry<String, JsonNode>> fields = error.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().equals("__type") || f.getKey().equals("message")) {
        continue;
      }
      parts.add(f.getKey() + ": " + flatten(f.getValue()));
    }
    String text = String.join("; ", parts);
    return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + " …" : text;
  }

  private static String flatten(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isArray() && v.size() > 0 && allTextual(v)) {
      List<String> items = new ArrayList<>();
      v.forEach(x -> items.add(x.asText()));
      return String.join(" ", items);
    }
    return v.toString();
  }

  private static boolean allTextual(JsonNode array) {
    for (JsonNode x : array) {
      if (!x.isTextual()) {
        return false;
      }
    }
    return true;
  }

  /** CKAN's {@code Not Found Error}: an absent dataset for {@code package_show}. */
  static final class NotFound extends ConnectorException {
    NotFound(String message) {
      super(ErrorCode.REMOTE_FAILURE, message);
    }
  }
}
