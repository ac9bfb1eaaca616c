/**
 * A REST client for Apache Superset on the JAX-RS Client API (Jersey): JWT login and refresh, CSRF
 * token and session cookie on every write, rison {@code q=} queries, paging, retries with backoff,
 * and Superset's own error messages in {@link
 * dk.goalattainment.connector.superset.client.SupersetApiException}.
 */
package dk.goalattainment.connector.superset.client;
