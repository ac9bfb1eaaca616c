/**
 * A REST client for Apache Superset on the shared HTTP stack ({@code
 * dk.goalattainment.connector.http}: timeouts, retries and the error policy): JWT login and
 * refresh, CSRF token and session cookie on every write, rison {@code q=} queries, paging, and
 * Superset's own error messages in {@link
 * dk.goalattainment.connector.superset.client.SupersetApiException}. {@link
 * dk.goalattainment.connector.superset.client.SupersetClient} is the entry point; one class per
 * area (databases, datasets, roles and row-level security, dashboards and the import) does the
 * work.
 */
package dk.goalattainment.connector.superset.client;
