package dk.goalattainment.connector.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a catalogue made by {@link DcatCatalog} against the mandatory properties of DCAT-AP-DK
 * 2.0.2 (Digitaliseringsstyrelsen), and the value patterns the profile sets for the properties
 * used. Source: the profile's SHACL shapes, {@code releases/v
 * 2.1.0/validation/dcat-ap-dk_2.0.2_shacl_shapes.ttl} (the properties in group {@code Mandatory}),
 * and its minimum model, {@code releases/v 2.1.0/views/mandatory/README.md}, both in <a
 * href="https://github.com/digst/DCAT-AP-DK">github.com/digst/DCAT-AP-DK</a>:
 *
 * <ul>
 *   <li>{@code dcat:Catalog}: {@code dct:title} 1..*, {@code dct:description} 1..*, {@code
 *       dcat:dataset} 1..*, {@code dct:publisher} 1..1;
 *   <li>{@code dcat:Dataset}: {@code dct:title} 1..*, {@code dct:description} 1..*, and at least
 *       one agent: {@code dct:publisher} (0..1) or {@code dcatdk:datasetResponsibleOrganisation}
 *       (0..1);
 *   <li>{@code dcat:Distribution}: {@code dcat:accessURL} 1..*;
 *   <li>{@code foaf:Agent}: {@code foaf:name} 1..*;
 *   <li>{@code skos:Concept} (a theme): {@code skos:prefLabel} 1..*.
 * </ul>
 *
 * Patterns checked where present: {@code dct:format} in the EU file-type list (0..1), {@code
 * dcat:mediaType} in IANA's register (0..1), {@code dct:accrualPeriodicity} in the EU frequency
 * list (0..1), {@code dct:license} at most once per distribution. It reads the compacted form that
 * {@link DcatCatalog} writes; it is not a general JSON-LD or SHACL processor.
 */
public final class DcatApDk {
  private static final String RESPONSIBLE_ORG =
      "https://data.gov.dk/model/core/dcat-dk/datasetResponsibleOrganisation";

  private DcatApDk() {}

  /** Every violation found, empty when the catalogue satisfies the checks. */
  public static List<String> mandatoryViolations(JsonNode catalog) {
    List<String> v = new ArrayList<>();
    String where = "dcat:Catalog " + catalog.path("@id").asText("(no @id)");
    if (!hasType(catalog, "dcat:Catalog")) {
      v.add(where + ": @type must be dcat:Catalog");
    }
    literals(v, where, catalog, "dct:title");
    literals(v, where, catalog, "dct:description");
    List<JsonNode> publishers = values(catalog, "dct:publisher");
    if (publishers.size() != 1) {
      v.add(where + ": dct:publisher is mandatory, exactly once (1..1)");
    }
    publishers.forEach(p -> agent(v, where, p));
    List<JsonNode> datasets = values(catalog, "dcat:dataset");
    if (datasets.isEmpty()) {
      v.add(where + ": dcat:dataset is mandatory (1..*)");
    }
    for (JsonNode d : datasets) {
      dataset(v, d);
    }
    return v;
  }

  private static void dataset(List<String> v, JsonNode d) {
    String where = "dcat:Dataset " + d.path("@id").asText("(no @id)");
    if (!hasType(d, "dcat:Dataset")) {
      v.add(where + ": @type must be dcat:Dataset");
    }
    literals(v, where, d, "dct:title");
    literals(v, where, d, "dct:description");
    List<JsonNode> publishers = values(d, "dct:publisher");
    List<JsonNode> responsible = values(d, "dcatdk:datasetResponsibleOrganisation");
    responsible.addAll(values(d, RESPONSIBLE_ORG));
    if (publishers.isEmpty() && responsible.isEmpty()) {
      v.add(
          where
              + ": an agent is mandatory: dct:publisher or dcatdk:datasetResponsibleOrganisation");
    }
    if (publishers.size() > 1) {
      v.add(where + ": dct:publisher at most once (0..1)");
    }
    publishers.forEach(p -> agent(v, where, p));
    for (JsonNode theme : values(d, "dcat:theme")) {
      if (!hasIri(theme)) {
        v.add(where + ": dcat:theme must be a concept with an @id");
      }
      literals(v, where + " theme " + theme.path("@id").asText(), theme, "skos:prefLabel");
    }
    pattern(
        v,
        where,
        d,
        "dct:accrualPeriodicity",
        "http://publications.europa.eu/resource/authority/frequency/");
    for (JsonNode dist : values(d, "dcat:distribution")) {
      distribution(v, dist);
    }
  }

  private static void distribution(List<String> v, JsonNode d) {
    String where = "dcat:Distribution " + d.path("@id").asText("(no @id)");
    if (!hasType(d, "dcat:Distribution")) {
      v.add(where + ": @type must be dcat:Distribution");
    }
    List<JsonNode> access = values(d, "dcat:accessURL");
    if (access.isEmpty() || !access.stream().allMatch(DcatApDk::hasIri)) {
      v.add(where + ": dcat:accessURL is mandatory (1..*), as an IRI");
    }
    pattern(
        v, where, d, "dct:format", "http://publications.europa.eu/resource/authority/file-type/");
    pattern(v, where, d, "dcat:mediaType", "https://www.iana.org/assignments/media-types/");
    if (values(d, "dct:license").size() > 1) {
      v.add(where + ": dct:license at most once (0..1)");
    }
  }

  private static void agent(List<String> v, String where, JsonNode agent) {
    literals(v, where + " publisher " + agent.path("@id").asText(), agent, "foaf:name");
  }

  private static void literals(List<String> v, String where, JsonNode node, String property) {
    List<JsonNode> values = values(node, property);
    boolean ok =
        !values.isEmpty()
            && values.stream()
                .allMatch(
                    x ->
                        x.isTextual()
                            ? !x.asText().isBlank()
                            : !x.path("@value").asText("").isBlank());
    if (!ok) {
      v.add(where + ": " + property + " is mandatory (1..*), as non-empty text");
    }
  }

  private static void pattern(
      List<String> v, String where, JsonNode node, String property, String prefix) {
    List<JsonNode> values = values(node, property);
    if (values.size() > 1) {
      v.add(where + ": " + property + " at most once (0..1)");
    }
    for (JsonNode x : values) {
      if (!x.path("@id").asText("").startsWith(prefix)) {
        v.add(where + ": " + property + " must be an IRI starting with " + prefix);
      }
    }
  }

  private static boolean hasIri(JsonNode node) {
    return !node.path("@id").asText("").isBlank();
  }

  private static boolean hasType(JsonNode node, String type) {
    JsonNode t = node.path("@type");
    if (t.isArray()) {
      for (JsonNode x : t) {
        if (type.equals(x.asText())) {
          return true;
        }
      }
      return false;
    }
    return type.equals(t.asText());
  }

  private static List<JsonNode> values(JsonNode node, String property) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode p = node.get(property);
    if (p == null || p.isNull()) {
      return out;
    }
    if (p.isArray()) {
      p.forEach(out::add);
    } else {
      out.add(p);
    }
    return out;
  }
}
