/**
 * The REST adapter: JAX-RS resources on Micronaut over the core's services, bearer-token protection
 * of writes and citizen-grain reads, and the one place that renders every error as {@code
 * application/problem+json} (RFC 9457).
 */
package dk.goalattainment.connector.rest;
