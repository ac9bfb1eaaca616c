/**
 * The catalogue: effect goals, life themes per audience, target groups, goal types, roles, age
 * bands and ruler bands, with Danish and English labels. It is configuration ({@code
 * dataset-definitions/catalogue.yaml}), validated as a whole before use.
 */
package dk.goalattainment.connector.core.catalogue;
