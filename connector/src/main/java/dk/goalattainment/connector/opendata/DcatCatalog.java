package dk.goalattainment.connector.opendata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the DCAT-AP-DK catalogue of the open data as JSON-LD (compacted, with the prefixes {@code
 * dcat}, {@code dct}, {@code foaf}, {@code vcard}, {@code skos}, {@code xsd} in its context): one
 * {@code dcat:Catalog} holding one {@code dcat:Dataset} with one {@code dcat:Distribution} per
 * format, each under CC BY 4.0. {@link DcatApDk#mandatoryViolations} checks the result.
 */
public final class DcatCatalog {
  /** CC BY 4.0 in the EU licence authority list, as DCAT-AP recommends. */
  public static final String LICENCE_CC_BY_4_0 =
      "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0";

  /** The update frequency: quarterly (EU frequency authority list). */
  public static final String QUARTERLY =
      "http://publications.europa.eu/resource/authority/frequency/QUARTERLY";

  /** Public access (EU access-right authority list). */
  public static final String PUBLIC_ACCESS =
      "http://publications.europa.eu/resource/authority/access-right/PUBLIC";

  private static final Map<String, String> THEME_LABELS_DA =
      Map.of(
          "SOCI", "Befolkning og samfund",
          "GOVE", "Regeringen og den offentlige sektor",
          "HEAL", "Sundhed",
          "EDUC", "Uddannelse, kultur og sport");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DcatCatalog() {}

  /**
   * The catalogue.
   *
   * @param coverageStart the first day of the earliest period published
   * @param coverageEnd the last day of the latest period published
   * @param modified when the tables were computed
   */
  public static ObjectNode build(
      DcatSettings s,
      LocalDate coverageStart,
      LocalDate coverageEnd,
      Instant modified,
      List<DcatDistribution> distributions) {
    return build(
        s, coverageStart, coverageEnd, modified, distributions, new CodeLists(Map.of()), false);
  }

  /** ADMS status of a dataset whose metadata is not ready to publish. */
  public static final String UNDER_DEVELOPMENT = "http://purl.org/adms/status/UnderDevelopment";

  /**
   * The catalogue, with the table's code lists: each coded column is a dimension of the dataset
   * ({@code s1n:dimension}, StatDCAT-AP) whose {@code qb:codeList} is a {@code skos:ConceptScheme}
   * of its codes ({@code skos:notation}) with Danish and English labels. A {@code draft} dataset
   * carries {@code adms:status} {@link #UNDER_DEVELOPMENT}.
   */
  public static ObjectNode build(
      DcatSettings s,
      LocalDate coverageStart,
      LocalDate coverageEnd,
      Instant modified,
      List<DcatDistribution> distributions,
      CodeLists codeLists,
      boolean draft) {
    Objects.requireNonNull(coverageStart, "coverageStart");
    Objects.requireNonNull(coverageEnd, "coverageEnd");
    Objects.requireNonNull(modified, "modified");
    ObjectNode catalog = F.objectNode();
    ObjectNode context = catalog.putObject("@context");
    namespaces(context, !codeLists.lists().isEmpty(), draft);
    catalog.put("@id", s.catalogUri());
    catalog.put("@type", "dcat:Catalog");
    catalog.set("dct:title", da(s.catalogTitle()));
    catalog.set("dct:description", da(s.catalogDescription()));
    catalog.set("dct:publisher", agent(s.publisher()));
    catalog.set("dct:license", licence());
    catalog.set("dct:modified", dateTime(modified));

    ObjectNode dataset = catalog.putArray("dcat:dataset").addObject();
    dataset.put("@id", s.datasetUri());
    dataset.put("@type", "dcat:Dataset");
    dataset.put("dct:identifier", s.datasetUri());
    dataset.set("dct:title", da(s.datasetTitle()));
    dataset.set("dct:description", da(s.datasetDescription()));
    ArrayNode keywords = dataset.putArray("dcat:keyword");
    s.keywords().forEach(k -> keywords.add(literal(k)));
    ArrayNode themes = dataset.putArray("dcat:theme");
    for (String code : s.themes()) {
      ObjectNode theme = themes.addObject();
      theme.put("@id", DcatSettings.DATA_THEME_BASE + code);
      theme.put("@type", "skos:Concept");
      theme.set("skos:prefLabel", da(THEME_LABELS_DA.getOrDefault(code, code)));
    }
    ObjectNode temporal = dataset.putObject("dct:temporal");
    temporal.put("@type", "dct:PeriodOfTime");
    temporal.set("dcat:startDate", date(coverageStart));
    temporal.set("dcat:endDate", date(coverageEnd));
    ArrayNode spatial = dataset.putArray("dct:spatial");
    for (String uri : s.spatial()) {
      spatial.addObject().put("@id", uri).put("@type", "dct:Location");
    }
    ObjectNode contact = dataset.putObject("dcat:contactPoint");
    contact.put("@type", "vcard:Organization");
    contact.put("vcard:fn", s.contactPoint().name());
    contact.set("vcard:hasEmail", iri("mailto:" + s.contactPoint().email()));
    dataset.set("dct:publisher", agent(s.publisher()));
    dataset.set("dct:accrualPeriodicity", iri(QUARTERLY));
    dataset.set("dct:accessRights", iri(PUBLIC_ACCESS));
    dataset.set("dct:modified", dateTime(modified));
    if (s.landingPage() != null) {
      dataset.set("dcat:landingPage", iri(s.landingPage()));
    }
    if (draft) {
      dataset.set("adms:status", iri(UNDER_DEVELOPMENT));
    }
    if (!codeLists.lists().isEmpty()) {
      ArrayNode dimensions = dataset.putArray("s1n:dimension");
      codeLists.lists().values().forEach(l -> dimensions.add(dimension(s.datasetUri(), l)));
    }
    ArrayNode dists = dataset.putArray("dcat:distribution");
    for (DcatDistribution d : distributions) {
      dists.add(distribution(s.datasetUri(), d));
    }
    return catalog;
  }

  /** The JSON-LD prefixes the catalogue uses. */
  private static void namespaces(ObjectNode context, boolean withCodeLists, boolean draft) {
    context.put("dcat", "http://www.w3.org/ns/dcat#");
    context.put("dct", "http://purl.org/dc/terms/");
    context.put("foaf", "http://xmlns.com/foaf/0.1/");
    context.put("vcard", "http://www.w3.org/2006/vcard/ns#");
    context.put("skos", "http://www.w3.org/2004/02/skos/core#");
    context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
    if (withCodeLists) {
      context.put("qb", "http://purl.org/linked-data/cube#");
      context.put("s1n", "http://data.europa.eu/s1n/");
      context.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
    }
    if (draft) {
      context.put("adms", "http://www.w3.org/ns/adms#");
    }
  }

  private static ObjectNode distribution(String datasetUri, DcatDistribution d) {
    ObjectNode dist = F.objectNode();
    dist.put("@id", datasetUri + "/distribution/" + d.format().extension());
    dist.put("@type", "dcat:Distribution");
    dist.set("dct:title", da(d.title()));
    dist.set(
        "dct:description",
        da(d.title() + " som " + d.format().label() + " (" + d.format().mediaType() + ")."));
    dist.set("dcat:accessURL", iri(d.accessUrl()));
    if (d.downloadUrl() != null) {
      dist.set("dcat:downloadURL", iri(d.downloadUrl()));
    }
    dist.set("dct:format", iri(d.format().fileTypeUri()));
    dist.set("dcat:mediaType", iri(d.format().mediaTypeUri()));
    dist.set("dct:license", licence());
    if (d.byteSize() != null) {
      dist.set(
          "dcat:byteSize",
          F.objectNode().put("@value", d.byteSize().toString()).put("@type", "xsd:decimal"));
    }
    return dist;
  }

  private static ObjectNode dimension(String datasetUri, CodeLists.CodeList list) {
    ObjectNode d = F.objectNode();
    d.put("@id", datasetUri + "/dimension/" + list.column());
    d.put("@type", "qb:DimensionProperty");
    d.set("rdfs:label", labels(list.title()));
    d.put("dct:identifier", list.column());
    ObjectNode scheme = d.putObject("qb:codeList");
    String schemeUri = datasetUri + "/kodeliste/" + list.column();
    scheme.put("@id", schemeUri);
    scheme.put("@type", "skos:ConceptScheme");
    scheme.set("dct:title", labels(list.title()));
    ArrayNode concepts = scheme.putArray("skos:hasTopConcept");
    for (CodeLists.Code c : list.codes()) {
      ObjectNode concept = concepts.addObject();
      concept.put(
          "@id",
          schemeUri
              + "/"
              + java.net.URLEncoder.encode(c.code(), java.nio.charset.StandardCharsets.UTF_8));
      concept.put("@type", "skos:Concept");
      concept.put("skos:notation", c.code());
      concept.set("skos:prefLabel", labels(c.label()));
      concept.set("skos:inScheme", iri(schemeUri));
    }
    return d;
  }

  private static ArrayNode labels(dk.goalattainment.connector.core.model.Label label) {
    ArrayNode a = F.arrayNode();
    a.add(literal(label.da()));
    a.add(F.objectNode().put("@language", "en").put("@value", label.en()));
    return a;
  }

  /** The catalogue as indented JSON-LD text. */
  public static String toJson(ObjectNode catalog) {
    try {
      return JSON.writeValueAsString(catalog);
    } catch (JsonProcessingException e) {
      throw new ConnectorException(ErrorCode.INTERNAL, "Cannot write the DCAT catalogue", e);
    }
  }

  private static ObjectNode agent(DcatSettings.Agent a) {
    ObjectNode n = F.objectNode();
    n.put("@id", a.uri());
    n.put("@type", "foaf:Agent");
    n.set("foaf:name", da(a.name()));
    return n;
  }

  private static ObjectNode licence() {
    return F.objectNode().put("@id", LICENCE_CC_BY_4_0).put("@type", "dct:LicenseDocument");
  }

  private static ArrayNode da(String text) {
    ArrayNode a = F.arrayNode();
    a.add(literal(text));
    return a;
  }

  private static ObjectNode literal(String text) {
    return F.objectNode().put("@language", "da").put("@value", text);
  }

  private static ObjectNode iri(String uri) {
    return F.objectNode().put("@id", uri);
  }

  private static ObjectNode date(LocalDate d) {
    return F.objectNode().put("@value", d.toString()).put("@type", "xsd:date");
  }

  private static ObjectNode dateTime(Instant t) {
    return F.objectNode()
        .put("@value", t.truncatedTo(ChronoUnit.SECONDS).toString())
        .put("@type", "xsd:dateTime");
  }
}
