/**
 * The idempotent Superset sync, one use case ({@link
 * dk.goalattainment.connector.superset.sync.SupersetSync}): a desired state ({@link
 * dk.goalattainment.connector.superset.sync.DesiredState}: roles, the database, datasets with
 * columns and metrics, row-level security rules and the dashboards with their role access), a
 * planner that compares it with Superset and prints a plan like {@code terraform plan}, and one
 * executor that applies the plan. Bundles for the assets import are written by {@link
 * dk.goalattainment.connector.superset.sync.BundleWriter}, for the sync and the dashboards alike.
 *
 * <p>Only fields the connector manages are compared, normalised (Superset returns {@code null} or
 * {@code ""} for empty text), so a second run against unchanged state plans nothing and sends no
 * write request. Assets carry deterministic UUIDs ({@link
 * dk.goalattainment.connector.superset.sync.SupersetKeys}) and {@code is_managed_externally};
 * {@code prune} deletes only assets recognised as the connector's own.
 */
package dk.goalattainment.connector.superset.sync;
