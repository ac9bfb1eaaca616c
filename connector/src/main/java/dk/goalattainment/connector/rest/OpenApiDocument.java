package dk.goalattainment.connector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.engine.ReportColumn;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The service's OpenAPI document as it is served: the document micronaut-openapi generates from the
 * resources' annotations at build time ({@value #GENERATED}), completed with what is data, not
 * code:
 *
 * <ul>
 *   <li>{@value #REPORT_ROW}: a row of a report, one property per {@link ReportColumn} with its
 *       type (and the metric's description where a metric has the column's id);
 *   <li>{@code DatasetRow.<id>}: a row of each standard dataset, one property per declared column
 *       with its type, label and description, and {@value #DATASET_ROW}, any of them; the datasets'
 *       ids as the values of the {@code id} path parameters;
 *   <li>operations without a security requirement of their own accept a bearer token but do not
 *       need one ({@code security: [{}, {bearer: []}]}): every path checks a token that is sent.
 * </ul>
 *
 * The generated document refers to the first two by name; they exist only in the served one.
 */
@Singleton
final class OpenApiDocument {
  /** Where the build puts the generated document. */
  static final String GENERATED = "META-INF/swagger/goal-attainment-connector-1.yml";

  static final String REPORT_ROW = "ReportRow";
  static final String REPORT_ROW_REF = "#/components/schemas/" + REPORT_ROW;
  static final String DATASET_ROW = "DatasetRow";
  static final String DATASET_ROW_REF = "#/components/schemas/" + DATASET_ROW;
  static final String REPORT_ROWS_REF = REPORT_ROW_REF + "s";
  static final String DATASET_ROWS_REF = DATASET_ROW_REF + "s";

  /** Report columns that always hold a value; every other may be null. */
  private static final Set<ReportColumn> ALWAYS_SET =
      Set.of(
          ReportColumn.GROUP,
          ReportColumn.PERIOD,
          ReportColumn.ORG_UNIT,
          ReportColumn.VIA,
          ReportColumn.GROUPING);

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode document;

  @Inject
  OpenApiDocument(ConnectorRuntime runtime) {
    this(generated(), runtime.definitions());
  }

  OpenApiDocument(ObjectNode generated, Definitions definitions) {
    this.document = generated.deepCopy();
    ObjectNode schemas = document.withObject("/components/schemas");
    schemas.set(REPORT_ROW, reportRow(definitions));
    schemas.set(REPORT_ROW + "s", arrayOf(REPORT_ROW_REF, "The rows of a report, by group."));
    ArrayNode anyOf = JSON.createArrayNode();
    for (DatasetDefinition d : definitions.datasets()) {
      schemas.set(DATASET_ROW + "." + d.id(), datasetRow(d));
      anyOf.addObject().put("$ref", DATASET_ROW_REF + "." + d.id());
    }
    ObjectNode datasetRow = JSON.createObjectNode();
    datasetRow.put(
        "description",
        "A row of a dataset: the DatasetRow.<id> schema of the dataset named in the path.");
    datasetRow.set("anyOf", anyOf);
    schemas.set(DATASET_ROW, datasetRow);
    schemas.set(DATASET_ROW + "s", arrayOf(DATASET_ROW_REF, "Rows of a dataset."));
    datasetParameters(definitions);
    rowsOfEachDataset(definitions);
    optionalToken();
    nullableReferences(document);
  }

  /** The document as YAML. */
  String yaml() {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document as JSON. */
  String json() {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated document, from the class path. */
  static ObjectNode generated() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(GENERATED)) {
      if (in == null) {
        throw new IllegalStateException(GENERATED + " is not on the class path: build the jar");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode reportRow(Definitions definitions) {
    ObjectNode schema = JSON.createObjectNode();
    schema.put("type", "object");
    schema.put(
        "description",
        "One group of a report: a field per report column (the columns of `connector report`'s"
            + " CSV, in the same order), null where the figure does not exist (e.g. an interval"
            + " for fewer than 2 citizens). Shares and means are fractions (0.5 = 50 %); changes"
            + " of shares and means are in percentage points. domain.md §3 defines every figure.");
    ArrayNode required = schema.putArray("required");
    ObjectNode properties = schema.putObject("properties");
    for (ReportColumn c : ReportColumn.values()) {
      required.add(c.id());
      ObjectNode p = properties.putObject(c.id());
      switch (c.type()) {
        case TEXT -> p.put("type", "string");
        case LONG -> p.put("type", "integer").put("format", "int64");
        case DOUBLE -> p.put("type", "number").put("format", "double");
        case BOOLEAN -> p.put("type", "boolean");
      }
      if (!ALWAYS_SET.contains(c)) {
        p.put("nullable", true);
      }
      definitions.metric(c.id()).ifPresent(m -> p.put("description", describe(m)));
    }
    return schema;
  }

  private static ObjectNode arrayOf(String itemRef, String description) {
    ObjectNode schema =
        JSON.createObjectNode().put("type", "array").put("description", description);
    schema.putObject("items").put("$ref", itemRef);
    return schema;
  }

  private static String describe(MetricDefinition m) {
    return m.label().en() + " (" + m.label().da() + "): " + m.description().en();
  }

  private static ObjectNode datasetRow(DatasetDefinition d) {
    ObjectNode schema = JSON.createObjectNode();
    schema.put("type", "object");
    schema.put("title", d.title().en());
    schema.put(
        "description",
        "A row of dataset "
            + d.id()
            + " (version "
            + d.version()
            + "): "
            + d.grain()
            + " Every column is a field; any may be null.");
    ArrayNode required = schema.putArray("required");
    ObjectNode properties = schema.putObject("properties");
    for (ColumnDefinition c : d.columns()) {
      required.add(c.name());
      ObjectNode p = properties.putObject(c.name());
      switch (c.type()) {
        case "INTEGER" -> p.put("type", "integer").put("format", "int32");
        case "BIGINT" -> p.put("type", "integer").put("format", "int64");
        case "DOUBLE" -> p.put("type", "number").put("format", "double");
        case "DATE" -> p.put("type", "string").put("format", "date");
        case "BOOLEAN" -> p.put("type", "boolean");
        default -> p.put("type", "string");
      }
      p.put("nullable", true);
      p.put("description", c.label() + ": " + c.description());
    }
    // the database stage of validation refuses a table with a column not declared
    schema.put("additionalProperties", false);
    return schema;
  }

  /**
   * The {@code id} parameter of the dataset paths takes the datasets' ids; the rows take a filter
   * per column.
   */
  private void datasetParameters(Definitions definitions) {
    for (String path : new String[] {"/api/v1/datasets/{id}", "/api/v1/datasets/{id}/rows"}) {
      JsonNode parameters = document.path("paths").path(path).path("get").path("parameters");
      for (JsonNode parameter : parameters) {
        if ("id".equals(parameter.path("name").asText())) {
          ObjectNode schema = JSON.createObjectNode().put("type", "string");
          ArrayNode values = schema.putArray("enum");
          definitions.datasets().forEach(d -> values.add(d.id()));
          ((ObjectNode) parameter).set("schema", schema);
        }
      }
      if (path.endsWith("/rows") && parameters.isArray()) {
        ObjectNode filters = ((ArrayNode) parameters).addObject();
        filters.put("name", "filters");
        filters.put("in", "query");
        filters.put("style", "form");
        filters.put("explode", true);
        StringBuilder columns = new StringBuilder();
        for (DatasetDefinition d : definitions.datasets()) {
          columns.append(columns.isEmpty() ? "" : "; ").append(d.id()).append(": ");
          columns.append(String.join(", ", d.columns().stream().map(c -> c.name()).toList()));
        }
        filters.put(
            "description",
            "A filter per column: a query parameter named like the column, repeated for several"
                + " values (e.g. period=2021&org_unit=FBU&effect_goal=NM&effect_goal=LS); a value"
                + " of the wrong type, or a name that is not a column, is 400. The columns: "
                + columns);
        filters
            .putObject("schema")
            .put("type", "object")
            .putObject("additionalProperties")
            .put("type", "string");
      }
    }
  }

  /**
   * A member that holds an object or null: the generator writes {@code {nullable: true, allOf:
   * [{$ref}]}}, which OpenAPI 3.0.3 reads as "never null" ({@code nullable} does not reach through
   * {@code allOf}); made {@code anyOf: [{$ref}, {nullable: true, enum: [null]}]}, the form the
   * specification gives for it.
   */
  private static void nullableReferences(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      JsonNode allOf = o.get("allOf");
      if (o.path("nullable").asBoolean(false)
          && !o.has("type")
          && allOf != null
          && allOf.size() == 1
          && allOf.get(0).has("$ref")) {
        o.remove("nullable");
        o.remove("allOf");
        ArrayNode anyOf = o.putArray("anyOf");
        anyOf.add(allOf.get(0));
        ObjectNode nothing = anyOf.addObject().put("type", "object").put("nullable", true);
        nothing.putArray("enum").addNull();
      }
    }
    node.forEach(OpenApiDocument::nullableReferences);
  }

  /**
   * Each dataset's rows as an operation of its own ({@code /api/v1/datasets/attainment/rows}), the
   * same as the {@code {id}} one but with that dataset's row schema: a client generated from the
   * document gets a typed method per dataset (a concrete path is matched before a templated one).
   */
  private void rowsOfEachDataset(Definitions definitions) {
    JsonNode template = document.path("paths").path("/api/v1/datasets/{id}/rows");
    JsonNode page = document.path("components").path("schemas").path("DatasetRowsPage");
    if (!template.isObject() || !page.isObject()) {
      throw new IllegalStateException("the generated document has no dataset rows operation");
    }
    ObjectNode paths = (ObjectNode) document.get("paths");
    ObjectNode schemas = document.withObject("/components/schemas");
    for (DatasetDefinition d : definitions.datasets()) {
      ObjectNode rowsPage = page.deepCopy();
      rowsPage.put("description", "A page of rows of dataset " + d.id() + ".");
      ObjectNode rows = rowsPage.withObject("/properties").putObject("rows");
      rows.put("type", "array").putObject("items").put("$ref", DATASET_ROW_REF + "." + d.id());
      schemas.set("DatasetRowsPage." + d.id(), rowsPage);

      ObjectNode item = template.deepCopy();
      ObjectNode get = (ObjectNode) item.get("get");
      get.put("operationId", "datasetRows_" + d.id());
      get.put("summary", "Rows of dataset " + d.id() + " (" + d.title().en() + ")");
      ArrayNode parameters = JSON.createArrayNode();
      for (JsonNode parameter : get.path("parameters")) {
        if (!"id".equals(parameter.path("name").asText())) {
          parameters.add(parameter);
        }
      }
      get.set("parameters", parameters);
      ((ObjectNode) get.path("responses").path("200").path("content").path("application/json"))
          .putObject("schema")
          .put("$ref", "#/components/schemas/DatasetRowsPage." + d.id());
      paths.set("/api/v1/datasets/" + d.id() + "/rows", item);
    }
  }

  /** Operations that do not need a token still take one. */
  private void optionalToken() {
    for (JsonNode item : document.path("paths")) {
      item.fields()
          .forEachRemaining(
              op -> {
                if (op.getValue().isObject() && !op.getValue().has("security")) {
                  ArrayNode security = ((ObjectNode) op.getValue()).putArray("security");
                  security.addObject();
                  security.addObject().putArray("bearer");
                }
              });
    }
  }
}
