/**
 * The metric engine's rules (domain.md §3) as dialect-neutral SQL text, and the ports a store
 * implements to run them. The figures are computed inside the database; Java only binds parameters
 * and reads the aggregated rows.
 */
package dk.goalattainment.connector.core.engine;
