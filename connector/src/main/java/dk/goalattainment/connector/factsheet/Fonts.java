package dk.goalattainment.connector.factsheet;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bundled font, Liberation Sans (SIL Open Font License 1.1, see {@code
 * factsheet/fonts/LICENSE}): the PDF embeds it, and the charts draw their text with it as outlines,
 * so a sheet looks the same on every machine whatever fonts it has.
 */
final class Fonts {
  /** The family name the HTML and the PDF use. */
  static final String FAMILY = "Liberation Sans";

  static final String REGULAR = "/factsheet/fonts/LiberationSans-Regular.ttf";
  static final String BOLD = "/factsheet/fonts/LiberationSans-Bold.ttf";

  static {
    // charts and fonts need no display; set before AWT is first touched
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final Font REGULAR_FONT = load(REGULAR);
  private static final Font BOLD_FONT = load(BOLD);

  private Fonts() {}

  /** The font's bytes, for the PDF renderer. */
  static InputStream open(String resource) {
    InputStream in = Fonts.class.getResourceAsStream(resource);
    if (in == null) {
      throw new ConnectorException(
          ErrorCode.INTERNAL, "The fact sheet's font " + resource + " is missing from the jar.");
    }
    return in;
  }

  /** The regular weight at a size in points. */
  static Font regular(float size) {
    return REGULAR_FONT.deriveFont(Font.PLAIN, size);
  }

  /** The bold weight at a size in points. */
  static Font bold(float size) {
    return BOLD_FONT.deriveFont(Font.PLAIN, size);
  }

  private static Font load(String resource) {
    try (InputStream in = open(resource)) {
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("The fact sheet's font " + resource + " is unreadable", e);
    }
  }
}
