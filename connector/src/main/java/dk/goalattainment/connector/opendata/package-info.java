/**
 * Open data: DCAT-AP-DK metadata (JSON-LD) for the published tables, a Danish methodology text, and
 * a CKAN client that creates or updates the dataset and uploads its files idempotently.
 *
 * <p>The tables themselves are suppressed by {@code core.disclosure} before they get here; this
 * package only describes and ships files.
 */
package dk.goalattainment.connector.opendata;
