package dk.goalattainment.connector.opendata;

import java.util.List;
import java.util.Objects;

/**
 * What the DCAT-AP-DK catalogue says about the publisher and the dataset. Texts are Danish.
 *
 * @param catalogUri the catalogue's identifier (an http(s) URI)
 * @param datasetUri the dataset's identifier (an http(s) URI)
 * @param themes EU data themes by code (e.g. {@code SOCI}, {@code GOVE}), see {@link
 *     #DATA_THEME_BASE}
 * @param spatial URIs of the area covered, e.g. the EU country {@code DNK} or a municipality's URI
 * @param landingPage a web page about the dataset, or null
 */
public record DcatSettings(
    String catalogUri,
    String catalogTitle,
    String catalogDescription,
    Agent publisher,
    String datasetUri,
    String datasetTitle,
    String datasetDescription,
    List<String> keywords,
    List<String> themes,
    List<String> spatial,
    ContactPoint contactPoint,
    String landingPage) {

  /** The EU data-theme authority list. */
  public static final String DATA_THEME_BASE =
      "http://publications.europa.eu/resource/authority/data-theme/";

  /** Denmark in the EU country authority list. */
  public static final String DENMARK =
      "http://publications.europa.eu/resource/authority/country/DNK";

  public DcatSettings {
    Objects.requireNonNull(catalogUri, "catalogUri");
    Objects.requireNonNull(catalogTitle, "catalogTitle");
    Objects.requireNonNull(catalogDescription, "catalogDescription");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(datasetUri, "datasetUri");
    Objects.requireNonNull(datasetTitle, "datasetTitle");
    Objects.requireNonNull(datasetDescription, "datasetDescription");
    keywords = List.copyOf(keywords);
    themes = List.copyOf(themes);
    spatial = List.copyOf(spatial);
    Objects.requireNonNull(contactPoint, "contactPoint");
  }

  /** These settings with another landing page (null for none). */
  public DcatSettings withLandingPage(String page) {
    return new DcatSettings(
        catalogUri,
        catalogTitle,
        catalogDescription,
        publisher,
        datasetUri,
        datasetTitle,
        datasetDescription,
        keywords,
        themes,
        spatial,
        contactPoint,
        page);
  }

  /** An organisation (foaf:Agent). */
  public record Agent(String uri, String name) {
    public Agent {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(name, "name");
    }
  }

  /** A contact point (vcard:Organization) with an e-mail address. */
  public record ContactPoint(String name, String email) {
    public ContactPoint {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
    }
  }

  /**
   * The default texts for the goal-attainment dataset of a municipality.
   *
   * @param baseUri where the open data lives, e.g. {@code https://data.example.dk/maalopfyldelse};
   *     the catalogue and dataset identifiers are made from it
   * @param municipalityUri the municipality's URI for the spatial coverage, or null for Denmark
   *     only
   */
  public static DcatSettings defaults(
      String baseUri, Agent publisher, ContactPoint contact, String municipalityUri) {
    String base = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
    List<String> spatial =
        municipalityUri == null ? List.of(DENMARK) : List.of(DENMARK, municipalityUri);
    return new DcatSettings(
        base + "/catalog",
        "Åbne data om målopfyldelse i handleplaner",
        "Aggregerede resultater af opfølgningen på borgernes mål i handleplaner i "
            + publisher.name()
            + ", udgivet som åbne data uden oplysninger om enkelte borgere.",
        publisher,
        base + "/dataset/maalopfyldelse",
        "Målopfyldelse i handleplaner",
        "Antal borgere, opfulgte og opfyldte mål og gennemsnitlig målopfyldelse pr. periode, "
            + "organisatorisk enhed, effektmål, livstema, målgruppe og måltype. Celler med få "
            + "borgere er udeladt (diskretionering), så ingen enkeltperson kan genkendes.",
        List.of(
            "målopfyldelse",
            "handleplan",
            "socialområdet",
            "dialoglinealen",
            "effektmål",
            "livstema",
            "ledelsesinformation"),
        List.of("SOCI", "GOVE"),
        spatial,
        contact,
        null);
  }
}
