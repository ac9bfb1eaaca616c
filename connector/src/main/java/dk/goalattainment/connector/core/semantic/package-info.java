/**
 * The semantic layer: the additive measures the engine sums per slice ({@link
 * dk.goalattainment.connector.core.semantic.Measure}), the figures published over them ({@link
 * dk.goalattainment.connector.core.semantic.Figure}, declared once in {@link
 * dk.goalattainment.connector.core.semantic.Figures}), the cube's slice rule ({@link
 * dk.goalattainment.connector.core.semantic.CubeSlice}) and the saved metrics that BI tools run
 * over the materialised datasets ({@link dk.goalattainment.connector.core.semantic.SavedMetrics}).
 * The live report, the materialised cube, the saved Superset metrics and REST's metric evaluation
 * all take their SQL from here.
 */
package dk.goalattainment.connector.core.semantic;
