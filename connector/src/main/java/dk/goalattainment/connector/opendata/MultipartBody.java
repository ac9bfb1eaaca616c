package dk.goalattainment.connector.opendata;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) for {@link java.net.http.HttpClient}: text fields
 * in UTF-8 (without a part content type, as browsers and curl send them) and one file, streamed
 * from disk. Names and file names are quoted with {@code "}, CR and LF percent-encoded, as the HTML
 * form encoding does.
 */
final class MultipartBody {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String boundary;
  private final Map<String, String> fields = new LinkedHashMap<>();
  private String fileField;
  private String fileName;
  private String fileType;
  private Path file;

  MultipartBody() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    this.boundary = "----goal-attainment-" + HexFormat.of().formatHex(b);
  }

  MultipartBody field(String name, String value) {
    fields.put(name, value == null ? "" : value);
    return this;
  }

  MultipartBody file(String name, String fileName, String contentType, Path file) {
    this.fileField = name;
    this.fileName = fileName;
    this.fileType = contentType;
    this.file = file;
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  HttpRequest.BodyPublisher publisher() throws FileNotFoundException {
    List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      write(head, "--" + boundary + "\r\n");
      write(head, "Content-Disposition: form-data; name=\"" + quote(f.getKey()) + "\"\r\n");
      write(head, "\r\n");
      write(head, f.getValue());
      write(head, "\r\n");
    }
    if (file != null) {
      write(head, "--" + boundary + "\r\n");
      write(
          head,
          "Content-Disposition: form-data; name=\""
              + quote(fileField)
              + "\"; filename=\""
              + quote(fileName)
              + "\"\r\n");
      write(head, "Content-Type: " + fileType + "\r\n\r\n");
      parts.add(HttpRequest.BodyPublishers.ofByteArray(head.toByteArray()));
      parts.add(HttpRequest.BodyPublishers.ofFile(file));
      head = new ByteArrayOutputStream();
      write(head, "\r\n");
    }
    write(head, "--" + boundary + "--\r\n");
    parts.add(HttpRequest.BodyPublishers.ofByteArray(head.toByteArray()));
    return HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
  }

  private static String quote(String s) {
    return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
