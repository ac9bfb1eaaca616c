/**
 * The fact sheet adapter: the {@code factsheet} use case ({@link
 * dk.goalattainment.connector.factsheet.FactSheetService}), the public figures from the open-data
 * table, and rendering — HTML from a Mustache template (JMustache), charts as SVG (JFreeChart with
 * JFreeSVG), PDF from the HTML (openhtmltopdf on PDFBox, SVG through Batik) with the bundled
 * Liberation Sans fonts embedded.
 */
package dk.goalattainment.connector.factsheet;
