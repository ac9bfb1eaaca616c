package dk.goalattainment.connector.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a SQL script from the classpath as statements (split on {@code ;} at line ends). */
public final class SqlScripts {
  private SqlScripts() {}

  public static List<String> load(String resource) {
    try (InputStream in = SqlScripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> statements = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : text.split("\n")) {
        String trimmed = line.strip();
        if (trimmed.startsWith("--") || trimmed.isEmpty()) {
          continue;
        }
        current.append(line).append('\n');
        if (trimmed.endsWith(";")) {
          String s = current.toString().strip();
          statements.add(s.substring(0, s.length() - 1));
          current.setLength(0);
        }
      }
      if (!current.toString().isBlank()) {
        statements.add(current.toString().strip());
      }
      return statements;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
