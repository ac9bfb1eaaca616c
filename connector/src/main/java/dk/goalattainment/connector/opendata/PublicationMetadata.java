package dk.goalattainment.connector.opendata;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who publishes the open data and where: what the DCAT catalogue, the JSON and CKAN say about the
 * publisher, the contact point, the landing page and the files' base URL. Every field comes from
 * configuration ({@code connector.opendata.*}) or the CLI's flags.
 *
 * <p>A field that is missing, or that names a placeholder — a host reserved for examples or tests
 * ({@code example.dk}, {@code *.example}, {@code .test}, {@code .invalid}, …), a local one ({@code
 * localhost}, loopback, {@code .local}) — makes the metadata a <b>draft</b>: an export still works
 * and its metadata files say so, and {@code opendata publish} refuses it, listing each problem.
 *
 * @param baseUrl where the files are published (http or https); their URLs in the catalogue
 * @param publisherName the publishing organisation, e.g. {@code Aarhus Kommune,
 *     Socialforvaltningen}
 * @param publisherUri the organisation's URI (its web site)
 * @param contactName the contact point's name; the publisher's when null
 * @param contactEmail the contact point's e-mail address
 * @param landingPage a web page about the dataset, or null
 */
public record PublicationMetadata(
    String baseUrl,
    String publisherName,
    String publisherUri,
    String contactName,
    String contactEmail,
    String landingPage) {

  /** What a draft export says where a field is missing. */
  static final String MISSING_NAME = "Udgiver ikke angivet";

  static final String MISSING_URI = "https://udgiver-ikke-angivet.example";
  static final String MISSING_EMAIL = "kontakt-ikke-angivet@udgiver.example";

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@([^@\\s]+\\.[^@\\s]+)");

  public PublicationMetadata {
    baseUrl = blankToNull(baseUrl);
    publisherName = blankToNull(publisherName);
    publisherUri = blankToNull(publisherUri);
    contactName = blankToNull(contactName);
    contactEmail = blankToNull(contactEmail);
    landingPage = blankToNull(landingPage);
  }

  /** Nothing configured: every field missing except the service's own local URL. */
  public static PublicationMetadata unconfigured() {
    return new PublicationMetadata(
        "http://localhost:8080/api/v1/opendata", null, null, null, null, null);
  }

  /** A field given replaces this one's; null keeps it. */
  public PublicationMetadata with(PublicationMetadata overrides) {
    return new PublicationMetadata(
        or(overrides.baseUrl, baseUrl),
        or(overrides.publisherName, publisherName),
        or(overrides.publisherUri, publisherUri),
        or(overrides.contactName, contactName),
        or(overrides.contactEmail, contactEmail),
        or(overrides.landingPage, landingPage));
  }

  /**
   * Every reason the metadata is not fit to publish, naming the setting to fix; empty when it is.
   * Values are not repeated except hosts.
   */
  public List<String> placeholders() {
    List<String> problems = new ArrayList<>();
    url(problems, "base URL (connector.opendata.base-url, --base-url)", baseUrl, true);
    if (publisherName == null) {
      problems.add(
          "publisher name (connector.opendata.publisher-name, --publisher-name) is missing");
    }
    url(
        problems,
        "publisher URI (connector.opendata.publisher-uri, --publisher-uri)",
        publisherUri,
        true);
    String email = "contact e-mail (connector.opendata.contact-email, --contact-email)";
    if (contactEmail == null) {
      problems.add(email + " is missing");
    } else {
      var m = EMAIL.matcher(contactEmail.replaceFirst("^mailto:", ""));
      if (!m.matches()) {
        problems.add(email + " is not an e-mail address");
      } else if (placeholderHost(m.group(1))) {
        problems.add(email + " is at a placeholder domain (" + m.group(1) + ")");
      }
    }
    url(
        problems,
        "landing page (connector.opendata.landing-page, --landing-page)",
        landingPage,
        false);
    return problems;
  }

  /** Whether anything is missing or a placeholder. */
  public boolean draft() {
    return !placeholders().isEmpty();
  }

  /** The publisher for the catalogue; a marked placeholder when missing. */
  DcatSettings.Agent publisher() {
    return new DcatSettings.Agent(or(publisherUri, MISSING_URI), or(publisherName, MISSING_NAME));
  }

  /** The contact point for the catalogue; a marked placeholder when missing. */
  DcatSettings.ContactPoint contactPoint() {
    return new DcatSettings.ContactPoint(
        or(contactName, or(publisherName, MISSING_NAME)),
        or(contactEmail, MISSING_EMAIL).replaceFirst("^mailto:", ""));
  }

  private static void url(List<String> problems, String what, String value, boolean required) {
    if (value == null) {
      if (required) {
        problems.add(what + " is missing");
      }
      return;
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      problems.add(what + " is not a URL");
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      problems.add(what + " must be an http(s) URL");
    } else if (placeholderHost(uri.getHost())) {
      problems.add(what + " points at a placeholder or local host (" + uri.getHost() + ")");
    }
  }

  /**
   * Hosts that cannot be where real open data lives: reserved for examples and tests (RFC 2606, RFC
   * 6761: {@code example}, {@code example.<tld>}, {@code *.example}, {@code .test}, {@code
   * .invalid}, {@code .localhost}), local names ({@code localhost}, {@code .local}) and loopback or
   * unspecified addresses.
   */
  static boolean placeholderHost(String host) {
    String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "").replaceAll("\\.$", "");
    String[] labels = h.split("\\.");
    if (h.equals("localhost")
        || h.endsWith(".localhost")
        || h.endsWith(".local")
        || h.endsWith(".test")
        || h.endsWith(".invalid")
        || h.equals("example")
        || h.endsWith(".example")
        || h.startsWith("127.")
        || h.equals("0.0.0.0")
        || h.equals("::1")
        || h.equals("::")) {
      return true;
    }
    // example.com, example.dk, data.example.org, …
    return labels.length >= 2 && labels[labels.length - 2].equals("example");
  }

  private static String or(String value, String fallback) {
    return value != null ? value : fallback;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
