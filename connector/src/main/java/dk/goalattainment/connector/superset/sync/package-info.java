/**
 * The idempotent Superset sync: a desired state ({@link
 * dk.goalattainment.connector.superset.sync.DesiredState}), a planner that compares it with
 * Superset and prints a plan like {@code terraform plan}, and an executor that applies the plan.
 *
 * <p>Only fields the connector manages are compared, normalised (Superset returns {@code null} or
 * {@code ""} for empty text), so a second run against unchanged state plans nothing and sends no
 * write request. Assets carry deterministic UUIDs ({@link
 * dk.goalattainment.connector.superset.sync.SupersetKeys}) and {@code is_managed_externally};
 * {@code prune} deletes only assets recognised as the connector's own.
 */
package dk.goalattainment.connector.superset.sync;
