package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.store.RefreshListener;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The stages of a refresh on stderr, each with the time since the refresh began: on a terminal the
 * running stage shows on one line and each finished stage stays with its rows and time; elsewhere
 * (a log, a pipe) one plain line per stage, {@code refresh [ 12.3 s]: attainment: 195,410 rows in
 * 8.10 s}. {@code refresh}, {@code demo} and {@code serve --demo} all report this way.
 */
final class RefreshProgress implements RefreshListener {
  private final PrintWriter err;
  private final boolean terminal;
  private final long began = System.nanoTime();

  RefreshProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  private String elapsed() {
    return "refresh [%6.1f s]: ".formatted((System.nanoTime() - began) / 1e9);
  }

  @Override
  public void decided(String plan) {
    err.println((terminal ? "\r" : "") + elapsed() + plan + (terminal ? "\u001b[K" : ""));
    err.flush();
  }

  @Override
  public void started(String stage) {
    if (terminal) {
      err.print("\r" + elapsed() + "… " + stage + "\u001b[K");
      err.flush();
    }
  }

  @Override
  public void finished(String stage, long rows, Duration took) {
    String done = RefreshListener.line(stage, rows, took);
    err.println(terminal ? "\r" + elapsed() + "✓ " + done + "\u001b[K" : elapsed() + done);
    err.flush();
  }
}
