package dk.goalattainment.connector.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code connector serve} as a real process on the test classpath, read until it says it serves (or
 * exits); closing it stops it.
 */
final class ServeProcess implements AutoCloseable {
  final int port;
  final List<String> lines = new ArrayList<>();
  private final Process process;

  ServeProcess(Path workingDir, Map<String, String> env, String... args) throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ConnectorCli.class.getName(),
                "serve",
                "--port",
                Integer.toString(port)));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).directory(workingDir.toFile());
    pb.environment().remove("CONNECTOR_PSEUDONYM_KEY");
    pb.environment().putAll(env);
    process = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      lines.add(line);
      if (line.startsWith("Stop with Ctrl-C")) {
        break;
      }
    }
  }

  String output() {
    return String.join("\n", lines);
  }

  String base() {
    return "http://localhost:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
