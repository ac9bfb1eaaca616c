/**
 * The REST adapter: JAX-RS resources on Micronaut over the core's services; the authentication
 * filter that resolves each request's {@link dk.goalattainment.connector.core.access.Caller} from
 * its bearer token ({@link dk.goalattainment.connector.rest.Callers}), the resources deciding
 * access with the core's {@link dk.goalattainment.connector.core.access.AccessPolicy}; and the one
 * place that renders every error as {@code application/problem+json} (RFC 9457). See
 * docs/SECURITY.md.
 */
package dk.goalattainment.connector.rest;
