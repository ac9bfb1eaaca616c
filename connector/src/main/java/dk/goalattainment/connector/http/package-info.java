/**
 * The one HTTP stack of the adapters that call other services (Superset, CKAN): a Jersey client on
 * Apache HttpClient with configurable timeouts ({@link
 * dk.goalattainment.connector.http.HttpSettings}, {@code connector.http.*}), Failsafe retries with
 * exponential backoff and {@code Retry-After}, one error policy ({@link
 * dk.goalattainment.connector.http.FailurePolicy}: which failures are transient, and which requests
 * may be sent again after one, {@link dk.goalattainment.connector.http.Repeat}), multipart forms,
 * and one logging policy (no query, header or body is ever logged). The adapters keep their own
 * protocols (Superset's session and CSRF, CKAN's Action API) and error messages on top of it; they
 * never use another adapter's client.
 */
package dk.goalattainment.connector.http;
