package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.store.RefreshListener;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The stages of a refresh on stderr: on a terminal the running stage shows on one line and each
 * finished stage stays with its rows and time; elsewhere (a log, a pipe) one plain line per stage.
 */
final class RefreshProgress implements RefreshListener {
  private final PrintWriter err;
  private final boolean terminal;

  RefreshProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void decided(String plan) {
    err.println("refresh: " + plan);
    err.flush();
  }

  @Override
  public void started(String stage) {
    if (terminal) {
      err.print("\r  … " + stage + "\u001b[K");
      err.flush();
    }
  }

  @Override
  public void finished(String stage, long rows, Duration took) {
    String line =
        "%-46s %14s %8.2f s"
            .formatted(stage, rows >= 0 ? "%,d rows".formatted(rows) : "", took.toNanos() / 1e9);
    if (terminal) {
      err.println("\r  ✓ " + line + "\u001b[K");
    } else {
      err.println("refresh: " + line.strip().replaceAll("\\s{2,}", "  "));
    }
    err.flush();
  }
}
