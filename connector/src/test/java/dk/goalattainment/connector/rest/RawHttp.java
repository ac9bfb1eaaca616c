package dk.goalattainment.connector.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, sending the request target exactly as given: no client normalises
 * percent-encoding, dot segments or double slashes on the way, as an attacker's would not. Every
 * answer is checked against the contract the server serves ({@link ApiContract}).
 */
final class RawHttp {
  private final int port;
  private ApiContract contract;

  RawHttp(int port) {
    this.port = port;
  }

  record Answer(int status, Map<String, String> headers, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  Answer send(String method, String target, Map<String, String> headers, String body)
      throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request =
        new StringBuilder(method)
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\nHost: localhost:")
            .append(port)
            .append("\r\nConnection: close\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      Answer answer = parse(socket.getInputStream().readAllBytes());
      Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
      answer.headers().forEach((k, v) -> answerHeaders.put(k, List.of(v)));
      contract()
          .check(
              method,
              target,
              answer.status(),
              answerHeaders,
              answer.body().getBytes(StandardCharsets.UTF_8));
      return answer;
    }
  }

  private synchronized ApiContract contract() {
    if (contract == null) {
      contract = ApiContract.servedAt("http://localhost:" + port);
    }
    return contract;
  }

  Answer get(String target) throws IOException {
    return send("GET", target, Map.of(), null);
  }

  private static Answer parse(byte[] raw) throws IOException {
    String all = new String(raw, StandardCharsets.ISO_8859_1);
    int end = all.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete response head: " + all);
    }
    String[] lines = all.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = new java.io.ByteArrayInputStream(body);
    while (true) {
      StringBuilder size = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          size.append((char) c);
        }
      }
      String s = size.toString().split(";")[0].strip();
      if (s.isEmpty()) {
        return out.toByteArray();
      }
      int n = Integer.parseInt(s, 16);
      if (n == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      in.read(); // \r
      in.read(); // \n
    }
  }
}
