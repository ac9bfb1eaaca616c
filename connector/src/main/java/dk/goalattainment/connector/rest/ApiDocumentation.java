package dk.goalattainment.connector.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The service's OpenAPI document header, generated at build time, served at {@code /swagger/}. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Goal-attainment connector",
            version = "1",
            description =
                "Management information on goal attainment in social-services action plans:"
                    + " standard datasets, metric definitions, the figures of any slice, and"
                    + " all-or-nothing ingest. Errors are application/problem+json (RFC 9457).",
            license = @License(name = "Apache-2.0")))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "A configured API token (docs/SECURITY.md) with scopes read (full figures), read:citizen"
            + " (citizen-grain rows) and write (ingest, refresh), optionally limited to org"
            + " subtrees. Without a token: public, disclosure-controlled figures only.")
public final class ApiDocumentation {
  private ApiDocumentation() {}
}
