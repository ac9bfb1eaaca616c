/**
 * The store's table and column vocabulary, owned by the core (the engine's SQL depends on it): one
 * description of every stored table, rendered as DDL by each dialect.
 */
package dk.goalattainment.connector.core.schema;
