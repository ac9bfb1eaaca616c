/**
 * The fact sheet (FAKTABLAD) as content: which periods and slices it shows, the figures read
 * through the {@link dk.goalattainment.connector.core.factsheet.SheetFigures} port (the engine's
 * reports, or the disclosure-controlled open data), the Danish formats and the generated text. No
 * figure is computed here: every number comes from the port, and the rules here only choose,
 * compare and word them. Rendering (HTML, charts, PDF) is the {@code factsheet} adapter's job.
 */
package dk.goalattainment.connector.core.factsheet;
