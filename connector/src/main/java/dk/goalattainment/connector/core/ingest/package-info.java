/**
 * Ingest rules: raw records as they arrive (all text), their validation into domain records, and
 * the all-or-nothing ingest service that drives a store's {@link
 * dk.goalattainment.connector.core.ingest.IngestTransaction}.
 */
package dk.goalattainment.connector.core.ingest;
