package dk.goalattainment.connector.superset;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import dk.goalattainment.connector.superset.fake.OpenApiSpec;
import org.junit.jupiter.api.Test;

/**
 * What Superset's committed OpenAPI spec says about the requests the connector sends: these facts
 * shaped the client, and the validator behind every WireMock test enforces them.
 */
class SupersetOpenApiSpecTest {
  @Test
  void theSpecIsPatchedInMemoryOnlyForDanglingRefsAndArraysWithoutItems() {
    assertThat(OpenApiSpec.patches())
        .hasSize(8)
        .allMatch(
            p ->
                p.startsWith("added missing schema ")
                    || p.equals("added items: {} to an array schema"));
  }

  @Test
  void aDatasetUuidCannotBeSetThroughTheRestApiOnlyThroughTheImport() {
    assertThat(OpenApiSpec.schemaProperties("DatasetRestApi.post")).doesNotContain("uuid");
    assertThat(OpenApiSpec.schemaProperties("DatasetRestApi.put")).doesNotContain("uuid");
    assertThat(OpenApiSpec.schemaProperties("DatasetMetricsPut")).contains("uuid", "extra");
    assertThat(OpenApiSpec.schemaProperties("DatasetColumnsPut")).contains("uuid");
    assertThat(OpenApiSpec.schemaProperties("DatabaseRestApi.post")).contains("uuid");

    ValidationReport report =
        OpenApiSpec.validator()
            .validateRequest(
                SimpleRequest.Builder.put("/api/v1/dataset/7")
                    .withHeader("Authorization", "Bearer t")
                    .withContentType("application/json")
                    .withBody("{\"uuid\": \"1cf4f74e-8a07-540d-a5bf-54eaa21975de\"}")
                    .build());
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void theDatasetApiShowsNoExternalUrlSoOnlyUuidsCanMarkTheConnectorsAssets() {
    assertThat(OpenApiSpec.schemaProperties("DatasetRestApi.get")).doesNotContain("external_url");
    assertThat(OpenApiSpec.schemaProperties("DatabaseConnectionSchema"))
        .doesNotContain("external_url")
        .contains("sqlalchemy_uri", "is_managed_externally", "uuid");
  }

  @Test
  void theAssetsImportHasNoOverwriteFieldItAlwaysOverwrites() {
    assertThat(OpenApiSpec.multipartFields("/api/v1/assets/import/", "post"))
        .contains("bundle", "passwords")
        .doesNotContain("overwrite");
  }

  @Test
  void everyEndpointButLoginNeedsABearerToken() {
    assertThat(
            OpenApiSpec.validator()
                .validateRequest(SimpleRequest.Builder.get("/api/v1/security/csrf_token/").build())
                .hasErrors())
        .isTrue();
    assertThat(
            OpenApiSpec.validator()
                .validateRequest(
                    SimpleRequest.Builder.post("/api/v1/security/login")
                        .withContentType("application/json")
                        .withBody(
                            "{\"username\":\"a\",\"password\":\"b\",\"provider\":\"db\",\"refresh\":true}")
                        .build())
                .hasErrors())
        .isFalse();
  }
}
