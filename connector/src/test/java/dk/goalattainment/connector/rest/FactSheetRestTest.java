package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.goalattainment.connector.factsheet.FactSheetData;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/factsheet} over real HTTP: HTML or PDF by Accept, the public sheet to
 * anonymous callers, the full sheet only with the bearer token.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FactSheetRestTest implements TestPropertyProvider {
  static final String TOKEN = "factsheet-token-0123456789";
  static final String SHEET = "/api/v1/factsheet?period=2021&org=SOC";

  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    try {
      Path db = FactSheetData.copyInto(Files.createTempDirectory("factsheet-rest"));
      return Map.of(
          "connector.store.duckdb-path",
          db.toString(),
          "connector.api.token",
          TOKEN,
          "connector.factsheet.budget-goal",
          "Flere borgere mestrer eget liv",
          "micronaut.server.port",
          "-1",
          // the first public sheet computes the open-data table (seconds on a busy machine)
          "micronaut.http.client.read-timeout",
          "120s");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> get(HttpRequest<?> request) {
    return http.toBlocking().exchange(request, byte[].class);
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void anAnonymousCallerGetsThePublicSheetAsHtml() {
    HttpResponse<byte[]> response = get(HttpRequest.GET(SHEET));

    assertThat(response.getContentType().orElseThrow().toString()).startsWith("text/html");
    assertThat(text(response))
        .contains("Offentlig udgave")
        .contains("Budgetmål: <strong>Flere borgere mestrer eget liv</strong>")
        .doesNotContain("95 %-interval</th>")
        .doesNotContainPattern("\\d+–\\d+ %");
    assertThat(response.getHeaders().get("Vary")).contains("Authorization");
  }

  @Test
  void acceptApplicationPdfGivesThePdf() {
    HttpResponse<byte[]> response =
        get(HttpRequest.GET(SHEET).accept("application/pdf").bearerAuth(TOKEN));

    assertThat(response.getContentType().orElseThrow().toString()).isEqualTo("application/pdf");
    assertThat(new String(response.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(response.getHeaders().get("Content-Disposition"))
        .isEqualTo("inline; filename=\"faktablad-SOC-2021.pdf\"");
    assertThat(response.getHeaders().get("Cache-Control")).isEqualTo("private, no-store");
  }

  @Test
  void theBearerTokenGivesTheFullSheetAndPublicTrueThePublicOne() {
    assertThat(text(get(HttpRequest.GET(SHEET).bearerAuth(TOKEN))))
        .contains("95 %-interval</th>")
        .containsPattern("\\d+–\\d+ %")
        .doesNotContain("Offentlig udgave");
    assertThat(text(get(HttpRequest.GET(SHEET + "&public=true").bearerAuth(TOKEN))))
        .contains("Offentlig udgave");
  }

  @Test
  void aWrongTokenIsRefusedNotQuietlyDowngraded() {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () -> get(HttpRequest.GET(SHEET).bearerAuth("not-the-token")));

    assertThat(e.getStatus().getCode()).isEqualTo(401);
    assertThat(e.getResponse().getContentType().orElseThrow().toString())
        .isEqualTo(Problems.MEDIA_TYPE);
  }

  @Test
  void badParametersAreAProblemListingEachOne() {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () -> get(HttpRequest.GET("/api/v1/factsheet?period=2021-Q4R4&via=sideways")));

    assertThat(e.getStatus().getCode()).isEqualTo(400);
    assertThat(e.getResponse().getBody(String.class).orElseThrow())
        .contains("org is required")
        .contains("via must be authority or provider");
  }

  @Test
  void anUnknownOrgIsNotFound() {
    HttpClientResponseException e =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () -> get(HttpRequest.GET("/api/v1/factsheet?period=2021&org=NOPE")));

    assertThat(e.getStatus().getCode()).isEqualTo(404);
  }
}
