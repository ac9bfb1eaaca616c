package dk.goalattainment.connector.superset.fake;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Superset's real OpenAPI spec ({@code shared/reference/superset/openapi.json}), loaded once per
 * JVM (it takes seconds). The file is read from the system property {@code superset.openapi} or
 * from {@code ../../shared/reference/superset/openapi.json} (Surefire runs in {@code connector/}).
 *
 * <p>The committed spec has defects the parser refuses: five {@code $ref}s to component schemas
 * that are not in the file and three {@code type: array} without {@code items}, all on endpoints
 * the connector does not call. They are patched in memory (a permissive {@code {}} schema; {@code
 * items: {}}); the file itself is untouched. Requests are validated strictly (unknown properties
 * are errors); responses are not validated (the fake simulates statuses the spec omits, such as 302
 * and CSRF 400s).
 */
public final class OpenApiSpec {
  private static JsonNode patched;
  private static List<String> patches;
  private static OpenApiInteractionValidator validator;

  private OpenApiSpec() {}

  /** Where the spec is read from. */
  public static Path path() {
    return Path.of(
            System.getProperty("superset.openapi", "../../shared/reference/superset/openapi.json"))
        .toAbsolutePath()
        .normalize();
  }

  /** The validator for requests, shared by every test. */
  public static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      validator =
          OpenApiInteractionValidator.createForInlineApiSpecification(spec().toString())
              .withLevelResolver(
                  LevelResolver.create()
                      .withLevel("validation.response", ValidationReport.Level.IGNORE)
                      .build())
              .build();
      // The first validation builds the JSON-schema machinery (seconds): do it here, not inside
      // the first request of a test, where it would look like a slow Superset.
      validator.validateRequest(
          com.atlassian.oai.validator.model.SimpleRequest.Builder.post("/api/v1/security/login")
              .withContentType("application/json")
              .withBody("{\"username\":\"u\",\"password\":\"p\",\"provider\":\"db\"}")
              .build());
    }
    return validator;
  }

  /** What was patched in memory, one line per defect. */
  public static synchronized List<String> patches() {
    spec();
    return patches;
  }

  /** The multipart form fields the spec declares for an operation. */
  public static Set<String> multipartFields(String path, String method) {
    JsonNode props =
        spec()
            .path("paths")
            .path(path)
            .path(method.toLowerCase())
            .path("requestBody")
            .path("content")
            .path("multipart/form-data")
            .path("schema")
            .path("properties");
    Set<String> names = new LinkedHashSet<>();
    props.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A component schema's declared property names. */
  public static Set<String> schemaProperties(String schema) {
    Set<String> names = new LinkedHashSet<>();
    spec()
        .path("components")
        .path("schemas")
        .path(schema)
        .path("properties")
        .fieldNames()
        .forEachRemaining(names::add);
    return names;
  }

  private static synchronized JsonNode spec() {
    if (patched == null) {
      try {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(Files.readString(path()));
        patches = patch(root);
        patched = root;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Superset's OpenAPI spec at " + path(), e);
      }
    }
    return patched;
  }

  private static List<String> patch(ObjectNode root) {
    List<String> applied = new ArrayList<>();
    ObjectNode schemas = (ObjectNode) root.path("components").path("schemas");
    Deque<JsonNode> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      JsonNode node = todo.pop();
      if (node instanceof ObjectNode o) {
        String ref = o.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
          String name = ref.substring("#/components/schemas/".length());
          if (!schemas.has(name)) {
            schemas.putObject(name);
            applied.add("added missing schema " + name + " as {}");
          }
        }
        if ("array".equals(o.path("type").asText(null)) && !o.has("items")) {
          o.putObject("items");
          applied.add("added items: {} to an array schema");
        }
      }
      node.forEach(todo::push);
    }
    return applied;
  }
}
