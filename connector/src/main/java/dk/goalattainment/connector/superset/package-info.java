/**
 * The Superset adapter: a REST client for Superset's API (on the shared HTTP stack, {@code
 * dk.goalattainment.connector.http}) and an idempotent sync with a plan.
 *
 * <p>{@link dk.goalattainment.connector.superset.client.SupersetClient} speaks Superset's REST API
 * (login and token refresh, CSRF, rison queries, paging). {@link
 * dk.goalattainment.connector.superset.sync.SupersetSync} compares a desired state (one database,
 * its datasets with columns and metrics, row-level security rules) with what Superset holds, prints
 * a plan like {@code terraform plan} and applies it. A second run with nothing changed sends no
 * write request.
 */
package dk.goalattainment.connector.superset;
