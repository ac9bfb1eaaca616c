/**
 * Reads the definition files ({@code dataset-definitions/*.yaml}) with Jackson YAML into the core's
 * records, from a directory or from the copy shipped in the jar.
 */
package dk.goalattainment.connector.definitions;
