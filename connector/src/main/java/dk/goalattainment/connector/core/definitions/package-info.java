/**
 * Dataset and metric definitions as data ({@code dataset-definitions/}): records, and the semantic
 * validation stage (unique ids, references, columns named by metric expressions, catalogue codes,
 * versions). Schema validation happens while reading the YAML; the database stage runs against the
 * materialised tables in the store.
 */
package dk.goalattainment.connector.core.definitions;
