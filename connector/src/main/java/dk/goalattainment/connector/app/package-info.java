/**
 * Wiring: configuration records, the factory that builds the core's services from them, and the
 * runtime that binds a store, the ingest service and the report service together.
 */
package dk.goalattainment.connector.app;
