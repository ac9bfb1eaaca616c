package dk.goalattainment.connector.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The service's OpenAPI document header, generated at build time and completed and served by {@link
 * OpenApiResource}.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Goal-attainment connector",
            version = "1",
            description =
                "Management information on goal attainment in social-services action plans:"
                    + " standard datasets, metric definitions, the figures of any slice, and"
                    + " all-or-nothing ingest, refresh jobs. Every error is application/problem+json"
                    + " (RFC 9457, schema Problem). JSON renders every field, also nulls and empty"
                    + " lists (a problem leaves out the members it has no value for).",
            license = @License(name = "Apache-2.0")))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "A configured API token (docs/SECURITY.md), sent as `Authorization: Bearer <token>` to any"
            + " path; a header that is not a valid token is 401 everywhere. Its scopes: `read`"
            + " (full figures of attainment, metric evaluations and fact sheets; the rows of the"
            + " aggregate datasets), `read:citizen` (also the rows of citizen-grain datasets),"
            + " `write` (ingest and refresh). A read token may be limited to org subtrees (403"
            + " elsewhere). Without a token: definitions, org units, open data and the public,"
            + " disclosure-controlled figures only. Each operation's description names the scope"
            + " it needs.")
public final class ApiDocumentation {
  private ApiDocumentation() {}
}
