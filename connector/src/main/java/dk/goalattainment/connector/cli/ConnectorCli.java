package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.privacy.Redaction;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code connector} command and its entry point. */
@Command(
    name = "connector",
    mixinStandardHelpOptions = true,
    versionProvider = ConnectorCli.Version.class,
    description =
        "Goal-attainment connector: ingest action-plan goals and follow-ups, compute the"
            + " management figures, serve and publish them.",
    subcommands = {
      IngestCommand.class,
      ReportCommand.class,
      FactSheetCommand.class,
      RefreshCommand.class,
      ValidateCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      SupersetCommand.class,
      DashboardsCommand.class,
      OpenDataCommand.class
    })
public class ConnectorCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (for tests). */
  public static int execute(String... args) {
    try (ApplicationContext context = ApplicationContext.builder().environments("cli").start()) {
      CommandLine cli = new CommandLine(ConnectorCli.class, new MicronautFactory(context));
      return configure(cli).execute(args);
    } catch (RuntimeException e) {
      // start-up failures, e.g. an invalid catalogue
      ConnectorException ce = unwrap(e);
      if (ce == null) {
        throw e;
      }
      printError(new PrintWriter(System.err, true), ce);
      return ce.code().exitCode();
    }
  }

  static CommandLine configure(CommandLine cli) {
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          ConnectorException ce = unwrap(ex);
          PrintWriter err = commandLine.getErr();
          if (ce == null) {
            err.println("error: " + ex);
            err.flush();
            return ErrorCode.INTERNAL.exitCode();
          }
          printError(err, ce);
          return ce.code().exitCode();
        });
    return cli;
  }

  private static ConnectorException unwrap(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof ConnectorException ce) {
        return ce;
      }
    }
    return null;
  }

  static void printError(PrintWriter err, ConnectorException e) {
    err.println("error: " + Redaction.hideCprLike(e.getMessage()));
    for (FieldError fe : e.errors()) {
      err.println("  " + fe.message());
    }
    err.flush();
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ConnectorCli.class.getPackage().getImplementationVersion();
      return new String[] {"connector " + (v == null ? "development build" : v)};
    }
  }
}
