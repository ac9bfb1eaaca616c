/**
 * Disclosure control for published aggregates (domain.md §4, issue 6), free of any framework.
 *
 * <p>A table to publish is a list of {@link dk.goalattainment.connector.core.disclosure.TableCell
 * cells}, each keyed by its dimension values ({@code "*"} meaning all of a dimension). The goal
 * counts of the cells add up within {@link
 * dk.goalattainment.connector.core.disclosure.AdditiveGroup additive groups}, which {@link
 * dk.goalattainment.connector.core.disclosure.AdditiveGroups} derives from the cells, the org tree
 * and the catalogue. {@link dk.goalattainment.connector.core.disclosure.DisclosureControl} applies
 * primary and secondary suppression; {@link
 * dk.goalattainment.connector.core.disclosure.DisclosureAudit} checks a result independently by
 * exact linear algebra over all group equations at once.
 */
package dk.goalattainment.connector.core.disclosure;
