/** Parses input files and request bodies (CSV, JSON) into the core's raw records. */
package dk.goalattainment.connector.ingest;
