/**
 * The connector's core: domain records, validation rules, the catalogue, pseudonymisation and the
 * metric engine's rules (as dialect-neutral SQL text). It knows no framework: no Micronaut, JAX-RS,
 * Jersey or {@code java.sql} import is allowed here (an ArchUnit test keeps it so). Adapters
 * ({@code store}, {@code ingest}, {@code cli}, …) sit around it.
 */
package dk.goalattainment.connector.core;
