package dk.goalattainment.connector.factsheet;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * The fact sheet's HTML as a PDF: openhtmltopdf lays it out (A4 from the stylesheet), draws the
 * inline SVG charts through Batik and embeds the bundled Liberation Sans as subsets, so the text
 * can be extracted with its Danish letters. The document's dates are the figures' computation time
 * and its ID a hash of the HTML, so the same sheet gives the same bytes.
 */
final class PdfRenderer {
  static {
    OpenHtmlLogging.install();
  }

  private PdfRenderer() {}

  /** A rendered PDF and its number of pages. */
  record Pdf(byte[] bytes, int pages) {}

  static Pdf render(String html, String title, String subject, Instant created) {
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useSVGDrawer(new BatikSVGDrawer());
    builder.useFont(() -> Fonts.open(Fonts.REGULAR), Fonts.FAMILY, 400, FontStyle.NORMAL, true);
    builder.useFont(() -> Fonts.open(Fonts.BOLD), Fonts.FAMILY, 700, FontStyle.NORMAL, true);
    builder.withHtmlContent(html, null);
    builder.withProducer("goal-attainment connector (openhtmltopdf, PDFBox)");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
      renderer.layout();
      try (PDDocument document = renderer.createPDFKeepOpen()) {
        describe(document, title, subject, created, html);
        document.save(out);
        return new Pdf(out.toByteArray(), document.getNumberOfPages());
      }
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.INTERNAL, "The fact sheet's PDF could not be rendered: " + e.getMessage(), e);
    }
  }

  private static void describe(
      PDDocument document, String title, String subject, Instant created, String html) {
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(title);
    info.setSubject(subject);
    info.setCreator("goal-attainment connector");
    Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    when.setTimeInMillis(created.toEpochMilli());
    info.setCreationDate(when);
    info.setModificationDate(when);
    byte[] id = Arrays.copyOf(sha256(html), 16);
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    document.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
