package dk.goalattainment.connector.cli;

/** Runs the CLI in-process for tests in other packages. */
public final class CliRunner {
  private CliRunner() {}

  /** The outcome of a run. */
  public record Run(int exitCode, String out, String err) {}

  public static Run run(String... args) {
    CliRun r = CliRun.of(args);
    return new Run(r.exitCode(), r.out(), r.err());
  }
}
