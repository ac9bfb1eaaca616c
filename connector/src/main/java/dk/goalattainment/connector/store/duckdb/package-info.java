/** The embedded DuckDB dialect: a database file opened in-process, loaded with its appender. */
package dk.goalattainment.connector.store.duckdb;
