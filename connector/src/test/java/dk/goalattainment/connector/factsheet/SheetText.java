package dk.goalattainment.connector.factsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * How the tests read a sheet: a PDF's text read back with PDFBox in drawing order (table cells left
 * to right, row by row), whitespace collapsed; and the figures written the Danish way, by the
 * tests' own rules (whole percent rounded half up, "." between thousands).
 */
final class SheetText {
  private SheetText() {}

  /** The PDF's text with every run of whitespace as one space. */
  static String of(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(false);
      return normalise(stripper.getText(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String normalise(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** A share as the sheet prints it: {@code 0.585} → {@code 59 %}. */
  static String pct(double share) {
    return Math.round(share * 100) + " %";
  }

  /** A count with a dot between thousands: {@code 1395} → {@code 1.395}. */
  static String count(long n) {
    return String.format(Locale.GERMANY, "%,d", n);
  }

  /** An interval: {@code 55–61 %}. */
  static String interval(double low, double high) {
    return Math.round(low * 100) + "–" + Math.round(high * 100) + " %";
  }
}
