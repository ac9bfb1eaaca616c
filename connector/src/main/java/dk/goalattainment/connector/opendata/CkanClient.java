package dk.goalattainment.connector.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.HttpAnswer;
import dk.goalattainment.connector.http.HttpCall;
import dk.goalattainment.connector.http.HttpSettings;
import dk.goalattainment.connector.http.HttpStack;
import dk.goalattainment.connector.http.MultipartForms;
import dk.goalattainment.connector.http.NoAnswerException;
import dk.goalattainment.connector.http.Repeat;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A small client of CKAN's Action API: {@code POST {base}/api/3/action/{name}} with a JSON body (or
 * a multipart form for a file upload) and the API token in the {@code Authorization} header, over
 * the shared HTTP stack: the same timeouts, retries and error policy as the Superset adapter
 * ({@link dk.goalattainment.connector.http.FailurePolicy}); which actions may be repeated is {@link
 * #repeat(String)}. CKAN answers {@code {"success": true, "result": …}} or {@code {"success":
 * false, "error": {"__type": …, "message": …, <field>: [errors] …}}} (403 for an authorization
 * error, 404 for not found, 409 for a validation error); failures become a {@link
 * ConnectorException}:
 *
 * <ul>
 *   <li>{@code Authorization Error}, HTTP 401/403 → {@link ErrorCode#UNAUTHORIZED};
 *   <li>{@code Validation Error}, HTTP 409 and other 4xx → {@link ErrorCode#BAD_REQUEST}, with the
 *       field errors in the message;
 *   <li>anything else (5xx after the retries, not JSON, unreachable) → {@link
 *       ErrorCode#REMOTE_FAILURE}.
 * </ul>
 *
 * The token never appears in a message or log line.
 */
public final class CkanClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");
  private static final int MAX_DETAIL = 2000;

  private final URI base;
  private final String apiToken;
  private final HttpStack http;

  /**
   * A client with the default timeouts and retries ({@link HttpSettings#DEFAULT}).
   *
   * @param base the CKAN site, e.g. {@code https://www.opendata.dk}
   * @param apiToken the API token, or null for anonymous (read-only) calls
   */
  public CkanClient(URI base, String apiToken) {
    this(base, apiToken, HttpSettings.DEFAULT);
  }

  /**
   * @param base the CKAN site
   * @param apiToken the API token, or null for anonymous calls
   * @param settings timeouts and retries ({@code connector.http.*})
   */
  public CkanClient(URI base, String apiToken, HttpSettings settings) {
    Objects.requireNonNull(base, "base");
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.apiToken = apiToken == null || apiToken.isBlank() ? null : apiToken;
    this.http = new HttpStack("CKAN", settings, JSON);
  }

  /** The CKAN site. */
  public URI base() {
    return base;
  }

  /**
   * Whether an action may be sent again after a transient failure: reads, patches, updates and
   * deletes by id, and {@code package_create} (CKAN keys datasets by their unique name: a repeat is
   * refused with 409, never a second dataset) are {@link Repeat#SAFE}; everything else, {@code
   * resource_create} above all (a dataset may hold two resources of one name), only when CKAN
   * cannot have processed it ({@link Repeat#IF_UNPROCESSED}).
   */
  static Repeat repeat(String action) {
    boolean safe =
        action.endsWith("_show")
            || action.endsWith("_list")
            || action.endsWith("_search")
            || action.endsWith("_patch")
            || action.endsWith("_update")
            || action.endsWith("_delete")
            || action.equals("package_create");
    return safe ? Repeat.SAFE : Repeat.IF_UNPROCESSED;
  }

  /** Calls an action with a JSON body and returns its {@code result}. */
  public JsonNode call(String action, ObjectNode body) {
    return send(action, () -> Entity.entity(body.toString(), JSON_UTF8));
  }

  /**
   * Calls an action with a multipart form: text fields plus a file in the field {@code upload}, as
   * {@code resource_create} and {@code resource_patch} take it.
   */
  public JsonNode callWithUpload(
      String action, Map<String, String> fields, Path file, String fileName, String mediaType) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "Cannot upload " + file + ": the file does not exist");
    }
    MediaType type = MediaType.valueOf(mediaType);
    return send(action, () -> MultipartForms.withFile(fields, "upload", fileName, type, file));
  }

  /** {@code package_show}: the dataset, or empty when CKAN does not know it. */
  public Optional<JsonNode> packageShow(String nameOrId) {
    try {
      return Optional.of(call("package_show", JSON.createObjectNode().put("id", nameOrId)));
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  private JsonNode send(String action, Supplier<Entity<?>> entity) {
    URI uri = base.resolve("api/3/action/" + action);
    HttpAnswer answer;
    try {
      answer =
          http.send(
              new HttpCall("POST", uri.getPath(), repeat(action)),
              () -> {
                Invocation.Builder request =
                    http.target(uri).request().header("Accept", "application/json");
                if (apiToken != null) {
                  request.header("Authorization", apiToken);
                }
                return request.post(entity.get());
              });
    } catch (NoAnswerException e) {
      throw new ConnectorException(
          ErrorCode.REMOTE_FAILURE,
          "CKAN at "
              + base
              + " could not be reached for "
              + action
              + " after "
              + e.attempts()
              + " attempt(s): "
              + e.what()
              + (e.mayHaveBeenApplied()
                  ? ". CKAN may have applied it; publishing again finds what is there."
                  : ""),
          e);
    }
    int status = answer.status();
    if (status >= 300 && status < 400) {
      throw new ConnectorException(
          ErrorCode.REMOTE_FAILURE,
          "CKAN at "
              + base
              + " redirected "
              + action
              + " (HTTP "
              + status
              + ") to "
              + (answer.header("Location") == null ? "another page" : answer.header("Location"))
              + ": give the URL CKAN is served at (https, the right host and path), since a"
              + " redirected action is not applied.");
    }
    JsonNode json;
    try {
      json = JSON.readTree(answer.body());
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
              + (answer.attempts() > 1 ? " after " + answer.attempts() + " attempts" : "")
              + (status == 404 ? " (is " + base + " a CKAN site?)" : ""));
    }
    if (json.path("success").asBoolean(false) && status < 300) {
      return json.path("result");
    }
    throw failure(action, answer, json.path("error"));
  }

  @Override
  public void close() {
    http.close();
  }

  private ConnectorException failure(String action, HttpAnswer answer, JsonNode error) {
    int status = answer.status();
    String type = error.path("__type").asText("");
    String detail = describe(error);
    String message =
        "CKAN refused "
            + action
            + " (HTTP "
            + status
            + (type.isEmpty() ? "" : ", " + type)
            + ")"
            + answer.retryNote()
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
