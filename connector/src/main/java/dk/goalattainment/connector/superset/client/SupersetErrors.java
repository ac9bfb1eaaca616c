package dk.goalattainment.connector.superset.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.HttpAnswer;
import dk.goalattainment.connector.http.NoAnswerException;
import dk.goalattainment.connector.superset.client.SupersetHttp.Call;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Superset's answers turned into {@link SupersetApiException}s that name the endpoint and carry
 * Superset's own message, never a password or token.
 */
final class SupersetErrors {
  private static final int MAX_MESSAGE = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SupersetErrors() {}

  /** No answer after every attempt the policy allowed. */
  static SupersetApiException noAnswer(Call call, NoAnswerException e) {
    String text =
        "Superset did not answer " + endpoint(call) + " after " + e.attempts() + " attempt(s): ";
    return error(ErrorCode.REMOTE_FAILURE, text + e.what(), 0, call, "", e);
  }

  /** A 5xx answer after every attempt the policy allowed. */
  static SupersetApiException failed(Call call, HttpAnswer answer, String message) {
    String text =
        "Superset failed "
            + endpoint(call)
            + " with "
            + answer.status()
            + " after "
            + answer.attempts()
            + " attempt(s): "
            + message;
    return error(ErrorCode.REMOTE_FAILURE, text, answer.status(), call, message, null);
  }

  /** A 4xx answer (after a retry, with a note that an earlier attempt may have been applied). */
  static SupersetApiException refused(Call call, HttpAnswer answer, String message) {
    int status = answer.status();
    ErrorCode code =
        status == 401 || status == 403 ? ErrorCode.UNAUTHORIZED : ErrorCode.REMOTE_FAILURE;
    String verb =
        switch (status) {
          case 401 -> "Superset refused the credentials for";
          case 403 -> "Superset forbade";
          default -> "Superset refused";
        };
    String text =
        verb + " " + endpoint(call) + " (" + status + ")" + answer.retryNote() + ": " + message;
    return error(code, text, status, call, message, null);
  }

  /** A write redirected although the CSRF token and session were renewed once. */
  static SupersetApiException redirected(Call call, int status, String location) {
    String where = location == null ? "another page" : location;
    String why =
        call.isWrite()
            ? " instead of answering: it did not accept the CSRF token or the session cookie, so"
                + " the request was not applied. Check that cookies reach Superset (a proxy that"
                + " drops them, or SESSION_COOKIE_SECURE over plain http) and that the URL is the"
                + " one Superset is served at."
            : " instead of answering: check that the URL is Superset's own (not a login proxy"
                + " in front of it).";
    String text = "Superset redirected " + endpoint(call) + " (" + status + ") to " + where + why;
    return error(ErrorCode.REMOTE_FAILURE, text, status, call, "", null);
  }

  /** A write whose CSRF token Superset refused again after one renewal. */
  static SupersetApiException csrfRefused(Call call, int status, String message) {
    String text =
        "Superset refused the CSRF token or session on "
            + endpoint(call)
            + " ("
            + status
            + "): "
            + message
            + ". Check that cookies reach Superset (SESSION_COOKIE_SECURE needs https) and that"
            + " the URL is the one Superset is served at.";
    return error(ErrorCode.REMOTE_FAILURE, text, status, call, message, null);
  }

  /** A 2xx answer whose body is not JSON. */
  static SupersetApiException notJson(Call call, int status, Exception cause) {
    String text =
        "Superset answered "
            + endpoint(call)
            + " with "
            + status
            + " but the body is not JSON (is the URL Superset's?)";
    return error(ErrorCode.REMOTE_FAILURE, text, status, call, "", cause);
  }

  private static String endpoint(Call call) {
    return call.method() + " " + call.path();
  }

  private static SupersetApiException error(
      ErrorCode code, String text, int status, Call call, String supersetMessage, Throwable cause) {
    return new SupersetApiException(
        code, text, status, call.method(), call.path(), supersetMessage, cause);
  }

  /**
   * An answer that lacks a field the protocol needs ({@code access_token}, CSRF {@code result}).
   */
  static SupersetApiException missing(String method, String path, String what) {
    return new SupersetApiException(
        ErrorCode.REMOTE_FAILURE, "Superset's " + what, 200, method, path, "", null);
  }

  static boolean isCsrfFailure(String message) {
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
      node = JSON.readTree(body);
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
}
