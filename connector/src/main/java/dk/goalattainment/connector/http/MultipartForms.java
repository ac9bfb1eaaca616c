package dk.goalattainment.connector.http;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Path;
import java.util.Map;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/**
 * {@code multipart/form-data} bodies (RFC 7578) on Jersey's multipart support: text fields in UTF-8
 * and files, from disk or memory. Field and file names are written as HTML forms write them ({@code
 * "}, CR and LF percent-encoded), so no name can break its header. Build a form afresh for every
 * attempt (a retry sends it again).
 */
public final class MultipartForms {
  private static final MediaType TEXT_UTF8 = MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8");

  private MultipartForms() {}

  /**
   * A form of text fields (in the map's order, null values sent empty) and one file from disk in
   * field {@code field}, named {@code fileName} in the form.
   */
  public static Entity<FormDataMultiPart> withFile(
      Map<String, String> fields, String field, String fileName, MediaType type, Path file) {
    FormDataMultiPart form = form(fields);
    form.bodyPart(new FormDataBodyPart(disposition(field, fileName), file.toFile(), type));
    return Entity.entity(form, form.getMediaType());
  }

  /** A form of text fields and one file held in memory. */
  public static Entity<FormDataMultiPart> withFile(
      Map<String, String> fields, String field, String fileName, MediaType type, byte[] content) {
    FormDataMultiPart form = form(fields);
    form.bodyPart(new FormDataBodyPart(disposition(field, fileName), content, type));
    return Entity.entity(form, form.getMediaType());
  }

  private static FormDataMultiPart form(Map<String, String> fields) {
    FormDataMultiPart form = new FormDataMultiPart();
    fields.forEach(
        (name, value) ->
            form.bodyPart(
                new FormDataBodyPart(
                    FormDataContentDisposition.name(formName(name)).build(),
                    value == null ? "" : value,
                    TEXT_UTF8)));
    return form;
  }

  private static FormDataContentDisposition disposition(String field, String fileName) {
    return FormDataContentDisposition.name(formName(field)).fileName(formName(fileName)).build();
  }

  /** A name as the HTML form encoding writes it: {@code "}, CR and LF percent-encoded. */
  static String formName(String name) {
    return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }
}
