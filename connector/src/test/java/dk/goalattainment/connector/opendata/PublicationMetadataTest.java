package dk.goalattainment.connector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicationMetadataTest {
  static final PublicationMetadata REAL =
      new PublicationMetadata(
          "https://data.aarhus.dk/maalopfyldelse",
          "Aarhus Kommune, Socialforvaltningen",
          "https://www.aarhus.dk",
          "Ledelsesinformation",
          "ledelsesinformation@aarhus.dk",
          "https://www.aarhus.dk/maalopfyldelse");

  @Test
  void realMetadataHasNoPlaceholder() {
    assertThat(REAL.placeholders()).isEmpty();
    assertThat(REAL.draft()).isFalse();
  }

  @Test
  void nothingConfiguredIsADraftNamingEveryMissingSetting() {
    assertThat(PublicationMetadata.unconfigured().placeholders())
        .hasSize(4)
        .anyMatch(p -> p.contains("base URL") && p.contains("localhost"))
        .anyMatch(p -> p.contains("publisher name") && p.contains("missing"))
        .anyMatch(p -> p.contains("publisher URI") && p.contains("missing"))
        .anyMatch(p -> p.contains("contact e-mail") && p.contains("missing"));
  }

  @Test
  void placeholderHostsAndAddressesAreRefused() {
    PublicationMetadata m =
        REAL.with(
            new PublicationMetadata(
                "http://127.0.0.1:8080/opendata",
                null,
                "https://www.example.dk",
                null,
                "mailto:someone@example.dk",
                "https://portal.test/x"));

    assertThat(m.placeholders())
        .hasSize(4)
        .anyMatch(p -> p.contains("base URL") && p.contains("127.0.0.1"))
        .anyMatch(p -> p.contains("publisher URI") && p.contains("www.example.dk"))
        .anyMatch(p -> p.contains("contact e-mail") && p.contains("example.dk"))
        .anyMatch(p -> p.contains("landing page") && p.contains("portal.test"));
  }

  @Test
  void knowsTheReservedAndLocalHosts() {
    for (String h :
        new String[] {
          "localhost",
          "example.com",
          "example.dk",
          "data.example.org",
          "x.example",
          "a.test",
          "b.invalid",
          "printer.local",
          "127.0.0.1",
          "::1",
          "0.0.0.0"
        }) {
      assertThat(PublicationMetadata.placeholderHost(h)).as(h).isTrue();
    }
    for (String h : new String[] {"aarhus.dk", "www.odaa.dk", "exampleville.dk", "10.0.0.5"}) {
      assertThat(PublicationMetadata.placeholderHost(h)).as(h).isFalse();
    }
  }

  @Test
  void aMalformedAddressOrANonHttpUrlIsRefused() {
    PublicationMetadata m =
        REAL.with(
            new PublicationMetadata("ftp://data.aarhus.dk", null, null, null, "nobody", null));

    assertThat(m.placeholders())
        .anyMatch(p -> p.contains("base URL") && p.contains("http(s)"))
        .anyMatch(p -> p.contains("not an e-mail address"));
  }
}
