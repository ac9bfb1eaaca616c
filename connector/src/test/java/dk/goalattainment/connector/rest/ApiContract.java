package dk.goalattainment.connector.rest;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The contract as the server under test serves it: every response a REST test receives is checked
 * against the OpenAPI document that same server serves ({@code /swagger/…yml}), with
 * swagger-request-validator — the status is declared for the operation, the content type is one it
 * declares, and a JSON body matches the declared schema (no undeclared field, no missing one, no
 * null where none is allowed). A response on a path the document does not have (an unknown route, a
 * path spelled to get around a rule) must be a problem of the declared {@code Problem} schema.
 *
 * <p>The test HTTP clients call {@link #check}: {@link ContractClientFilter} (Micronaut's client),
 * {@link RawHttp} (raw sockets) and {@link ContractHttp} (the JDK's client). A violation throws,
 * and is also kept for {@link ContractViolations}, which fails the test that received it even where
 * the throw was swallowed.
 */
public final class ApiContract {
  /** The served document's path. */
  public static final String DOCUMENT = "/swagger/goal-attainment-connector-1.yml";

  private static final Map<String, ApiContract> BY_DOCUMENT = new ConcurrentHashMap<>();
  private static final List<String> VIOLATIONS = new ArrayList<>();
  private static final AtomicLong CHECKED = new AtomicLong();
  private static final AtomicLong CHECK_NANOS = new AtomicLong();

  private final String yaml;
  private final OpenAPI api;
  private final OpenApiInteractionValidator validator;
  private final List<Pattern> templates;

  /** Answers that passed: method, path, status, content type and the body's SHA-256. */
  private final Set<String> passed = ConcurrentHashMap.newKeySet();

  private ApiContract(String yaml) {
    this.yaml = yaml;
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml, null, options);
    if (parsed.getMessages() != null && !parsed.getMessages().isEmpty()) {
      throw new AssertionError("the served OpenAPI document is not valid: " + parsed.getMessages());
    }
    this.api = parsed.getOpenAPI();
    this.templates =
        api.getPaths().keySet().stream()
            .map(p -> Pattern.compile(Pattern.quote(p).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")))
            .toList();
    this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(yaml).build();
  }

  /** The contract served at {@code base} (e.g. {@code http://localhost:1234}). */
  public static ApiContract servedAt(String base) {
    return of(fetch(base));
  }

  /** The contract of a document (its YAML). */
  static ApiContract of(String yaml) {
    return BY_DOCUMENT.computeIfAbsent(yaml, ApiContract::new);
  }

  /** The document's text. */
  String yaml() {
    return yaml;
  }

  /** The parsed document. */
  OpenAPI api() {
    return api;
  }

  private static String fetch(String base) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + DOCUMENT))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("the OpenAPI document answered " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new AssertionError("could not read the OpenAPI document at " + base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Checks one response against the document; throws (and keeps) a violation.
   *
   * @param target the request target: path and query, as sent
   * @param headers the response's headers (any case)
   * @param body the response's body (empty when none)
   */
  public void check(
      String method, String target, int status, Map<String, List<String>> headers, byte[] body) {
    String path = target.replaceFirst("[?#].*$", "");
    if (path.startsWith("/swagger-ui/") || isCorsPreflight(method)) {
      return; // the browsable UI's own files and CORS preflights are not operations of the API
    }
    CHECKED.incrementAndGet();
    long started = System.nanoTime();
    try {
      checkDocumented(method, target, path, status, headers, body);
    } finally {
      CHECK_NANOS.addAndGet(System.nanoTime() - started);
    }
  }

  private void checkDocumented(
      String method,
      String target,
      String path,
      int status,
      Map<String, List<String>> headers,
      byte[] body) {
    // an answer seen before (e.g. one page asked for under a dozen spellings of its path) passed
    String seen = method + " " + normalised(path) + " " + status + " " + contentType(headers);
    seen += " " + HexFormat.of().formatHex(sha256(body));
    if (passed.contains(seen)) {
      return;
    }
    SimpleResponse.Builder response = new SimpleResponse.Builder(status);
    headers.forEach(response::withHeader);
    if (body != null && body.length > 0 && !"HEAD".equals(method)) {
      response.withBody(body);
    }
    Request.Method m = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    if ("HEAD".equals(method)) {
      m = Request.Method.GET; // the same answer without its body
    }
    ValidationReport report;
    if (documents(path)) {
      report = validator.validateResponse(path, m, response.build());
    } else {
      // a path spelled otherwise (percent-encoding, dot segments, //, ;matrix, a trailing /):
      // the server may route it to the operation it names, or refuse it as a path it does not have
      String named = normalised(path);
      report =
          documents(named)
              ? validator.validateResponse(named, m, response.build())
              : ValidationReport.empty();
      if (!documents(named) || report.hasErrors() && status >= 400) {
        report = asProblem(status, headers, body);
      }
    }
    if (undocumented(report)) {
      report = asProblem(status, headers, body);
    }
    if ("HEAD".equals(method)) {
      report = withoutBodyMessages(report);
    }
    if (report.hasErrors()) {
      String violation =
          method
              + " "
              + target
              + " answered "
              + status
              + " outside the served contract:\n"
              + SimpleValidationReportFormat.getInstance().apply(report)
              + "\nbody: "
              + shortBody(body);
      synchronized (VIOLATIONS) {
        VIOLATIONS.add(violation);
      }
      throw new AssertionError(violation);
    }
    passed.add(seen);
  }

  private static String contentType(Map<String, List<String>> headers) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
        .flatMap(e -> e.getValue().stream())
        .findFirst()
        .orElse("");
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a path (case and all) is one of the document's, with any path parameters. */
  private boolean documents(String path) {
    return templates.stream().anyMatch(t -> t.matcher(path).matches());
  }

  /** The path a server would route a spelling to: decoded, without dot segments, //, ;matrix. */
  static String normalised(String raw) {
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : raw.split("/")) {
      String s =
          URLDecoder.decode(
              segment.replaceFirst(";.*$", "").replace("+", "%2B"), StandardCharsets.UTF_8);
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(s);
      }
    }
    return "/" + String.join("/", segments);
  }

  /** A CORS preflight: the API declares no OPTIONS operations, browsers send them. */
  private static boolean isCorsPreflight(String method) {
    return "OPTIONS".equalsIgnoreCase(method);
  }

  private static boolean undocumented(ValidationReport report) {
    return report.getMessages().stream()
        .anyMatch(
            m ->
                m.getKey().equals("validation.request.path.missing")
                    || m.getKey().equals("validation.request.operation.notAllowed"));
  }

  /** A response on a path the document does not have: a 4xx problem of the Problem schema. */
  private ValidationReport asProblem(int status, Map<String, List<String>> headers, byte[] body) {
    MessageResolver messages = new MessageResolver();
    String type = contentType(headers);
    List<ValidationReport.Message> problems = new ArrayList<>();
    if (status < 400) {
      problems.add(
          messages.create(
              "validation.response.status.unknown",
              "status " + status + " on a path the document does not have"));
    }
    if (!type.startsWith(Problems.MEDIA_TYPE)) {
      problems.add(
          messages.create(
              "validation.response.contentType.notAllowed",
              "content type '" + type + "' on a path the document does not have"));
    }
    ValidationReport report = ValidationReport.from(problems);
    return report.merge(
        new SchemaValidator(api, messages)
            .validate(
                new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8),
                api.getComponents().getSchemas().get("Problem"),
                "validation.response.body"));
  }

  private static ValidationReport withoutBodyMessages(ValidationReport report) {
    return ValidationReport.from(
        report.getMessages().stream()
            .filter(m -> !m.getKey().startsWith("validation.response.body"))
            .toList());
  }

  private static String shortBody(byte[] body) {
    if (body == null) {
      return "(none)";
    }
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
  }

  /** The violations kept since the last call, which forgets them. */
  static List<String> takeViolations() {
    synchronized (VIOLATIONS) {
      List<String> taken = List.copyOf(VIOLATIONS);
      VIOLATIONS.clear();
      return taken;
    }
  }

  /** How many responses were checked in this JVM. */
  static long checked() {
    return CHECKED.get();
  }

  /** How long the checks took in this JVM, in milliseconds. */
  static long checkMillis() {
    return CHECK_NANOS.get() / 1_000_000;
  }
}
