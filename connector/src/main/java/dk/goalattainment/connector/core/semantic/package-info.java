/**
 * The semantic layer: the additive measures the engine sums per slice ({@link
 * dk.goalattainment.connector.core.semantic.Measure}) and the figures published over them ({@link
 * dk.goalattainment.connector.core.semantic.Figure}, declared once in {@link
 * dk.goalattainment.connector.core.semantic.Figures}), rendered as SQL over any measure column
 * references: the live report, the materialised cube and, after the dashboards merge, the saved
 * Superset metrics and REST's metric evaluation all take their SQL from here.
 */
package dk.goalattainment.connector.core.semantic;
