/**
 * The store adapter: one {@link dk.goalattainment.connector.store.SqlDialect} per database ({@code
 * duckdb/}, {@code postgres/}) and the JDBC code that runs the core's SQL against it. This is the
 * only package (with its sub-packages) that talks to a database.
 */
package dk.goalattainment.connector.store;
