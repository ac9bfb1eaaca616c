/**
 * What the CLI, the REST API and the open data write, in one place each: the one CSV writer of the
 * connector's tables ({@link dk.goalattainment.connector.formats.CsvTables}), a report as CSV and
 * JSON ({@link dk.goalattainment.connector.formats.ReportFormats}) and the org-unit listing ({@link
 * dk.goalattainment.connector.formats.OrgUnitListing}). A kit like {@code http}: it knows the core,
 * no adapter.
 */
package dk.goalattainment.connector.formats;
