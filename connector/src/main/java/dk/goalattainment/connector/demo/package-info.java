/** A deterministic synthetic data set, shaped like Aarhus Kommune, fed through the real ingest. */
package dk.goalattainment.connector.demo;
