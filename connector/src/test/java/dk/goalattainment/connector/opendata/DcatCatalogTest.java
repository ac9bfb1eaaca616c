package dk.goalattainment.connector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DcatCatalogTest {
  static final DcatSettings SETTINGS =
      DcatSettings.defaults(
          "https://data.example.dk/maalopfyldelse",
          new DcatSettings.Agent("https://www.aarhus.dk", "Aarhus Kommune, Socialforvaltningen"),
          new DcatSettings.ContactPoint(
              "Socialforvaltningen, Ledelsesinformation", "data@example.dk"),
          "https://api.dataforsyningen.dk/kommuner/0751");

  static ObjectNode catalog() {
    List<DcatDistribution> dists = new ArrayList<>();
    for (DataFormat f : DataFormat.values()) {
      String url = "https://data.example.dk/maalopfyldelse/attainment." + f.extension();
      dists.add(new DcatDistribution(f, "Målopfyldelse (attainment)", url, url, 1234L));
    }
    return DcatCatalog.build(
        SETTINGS,
        LocalDate.of(2018, 1, 1),
        LocalDate.of(2018, 12, 31),
        Instant.parse("2026-11-23T13:05:00Z"),
        dists);
  }

  @Test
  void theCatalogueHasEveryPropertyThatDcatApDkMakesMandatory() {
    assertThat(DcatApDk.mandatoryViolations(catalog())).isEmpty();
  }

  @Test
  void theDatasetCarriesWhatIssueSixAsksFor() {
    JsonNode dataset = catalog().get("dcat:dataset").get(0);

    assertThat(dataset.get("dcat:keyword")).isNotEmpty();
    assertThat(dataset.get("dcat:theme").get(0).get("@id").asText())
        .isEqualTo("http://publications.europa.eu/resource/authority/data-theme/SOCI");
    assertThat(dataset.at("/dct:temporal/dcat:startDate/@value").asText()).isEqualTo("2018-01-01");
    assertThat(dataset.at("/dct:temporal/dcat:endDate/@value").asText()).isEqualTo("2018-12-31");
    assertThat(dataset.get("dct:spatial")).hasSize(2);
    assertThat(dataset.at("/dcat:contactPoint/vcard:hasEmail/@id").asText())
        .isEqualTo("mailto:data@example.dk");
    assertThat(dataset.at("/dct:publisher/foaf:name/0/@value").asText()).contains("Aarhus");
  }

  @Test
  void thereIsOneDistributionPerFormatEachUnderCcBy40() {
    JsonNode dists = catalog().get("dcat:dataset").get(0).get("dcat:distribution");

    assertThat(dists).hasSize(3);
    List<String> formats = new ArrayList<>();
    List<String> mediaTypes = new ArrayList<>();
    for (JsonNode d : dists) {
      formats.add(d.at("/dct:format/@id").asText());
      mediaTypes.add(d.at("/dcat:mediaType/@id").asText());
      assertThat(d.at("/dct:license/@id").asText())
          .isEqualTo("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0");
      assertThat(d.at("/dcat:accessURL/@id").asText()).startsWith("https://");
    }
    assertThat(formats)
        .containsExactly(
            "http://publications.europa.eu/resource/authority/file-type/CSV",
            "http://publications.europa.eu/resource/authority/file-type/JSON",
            "http://publications.europa.eu/resource/authority/file-type/PARQUET");
    assertThat(mediaTypes)
        .containsExactly(
            "https://www.iana.org/assignments/media-types/text/csv",
            "https://www.iana.org/assignments/media-types/application/json",
            "https://www.iana.org/assignments/media-types/application/vnd.apache.parquet");
  }

  @Test
  void theCheckReportsEachMissingMandatoryProperty() {
    ObjectNode broken = catalog();
    broken.remove("dct:publisher");
    ObjectNode dataset = (ObjectNode) broken.get("dcat:dataset").get(0);
    dataset.remove("dct:title");
    dataset.remove("dct:publisher");
    ObjectNode dist = (ObjectNode) dataset.get("dcat:distribution").get(0);
    dist.remove("dcat:accessURL");
    dist.set("dct:format", new ObjectMapper().createObjectNode().put("@id", "text/csv"));

    List<String> violations = DcatApDk.mandatoryViolations(broken);

    assertThat(violations)
        .anyMatch(v -> v.startsWith("dcat:Catalog") && v.contains("dct:publisher"))
        .anyMatch(v -> v.startsWith("dcat:Dataset") && v.contains("dct:title"))
        .anyMatch(v -> v.startsWith("dcat:Dataset") && v.contains("an agent is mandatory"))
        .anyMatch(v -> v.startsWith("dcat:Distribution") && v.contains("dcat:accessURL"))
        .anyMatch(v -> v.contains("dct:format must be an IRI starting with"))
        .hasSize(5);
  }

  @Test
  void theCatalogueIsJsonLdWithTheDcatContext() throws Exception {
    JsonNode parsed = new ObjectMapper().readTree(DcatCatalog.toJson(catalog()));

    assertThat(parsed.at("/@context/dcat").asText()).isEqualTo("http://www.w3.org/ns/dcat#");
    assertThat(parsed.at("/@context/dct").asText()).isEqualTo("http://purl.org/dc/terms/");
    assertThat(parsed.get("@type").asText()).isEqualTo("dcat:Catalog");
  }
}
