/**
 * The semantic layer over the engine's tables: the cube's slice rule ({@link
 * dk.goalattainment.connector.core.semantic.CubeSlice}) and the saved metrics that BI tools run
 * over the materialised datasets ({@link dk.goalattainment.connector.core.semantic.SavedMetrics}),
 * generated from the engine's own figures.
 */
package dk.goalattainment.connector.core.semantic;
