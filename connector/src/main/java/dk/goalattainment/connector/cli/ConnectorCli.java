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
      InitCommand.class,
      IngestCommand.class,
      ReportCommand.class,
      FactSheetCommand.class,
      RefreshCommand.class,
      ValidateCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      SupersetCommand.class,
      DashboardsCommand.class,
      OpenDataCommand.class,
      UnitsCommand.class
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
    return invalidConfiguration(ex);
  }

  /**
   * A configuration value Micronaut could not validate (e.g. {@code
   * CONNECTOR_STORE_POSTGRES_MAX_POOL_SIZE=0}) as a clear error naming the property and the rule,
   * never the value, instead of the framework's stack dump; null for anything else.
   */
  static ConnectorException invalidConfiguration(Throwable ex) {
    java.util.List<String> problems = new java.util.ArrayList<>();
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      int list = m == null ? -1 : m.indexOf("List of constraint violations:[");
      if (t instanceof io.micronaut.context.exceptions.BeanInstantiationException && list >= 0) {
        m.substring(list)
            .lines()
            .skip(1)
            .map(String::strip)
            .takeWhile(l -> !l.startsWith("]"))
            .map(ConnectorCli::propertyProblem)
            .forEach(problems::add);
      }
    }
    return problems.isEmpty()
        ? null
        : new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "invalid configuration: " + String.join("; ", problems));
  }

  /**
   * {@code a.b.PostgresProperties.maxPoolSize - must be …} as {@code
   * connector.store.postgres.max-pool-size must be …}.
   */
  private static String propertyProblem(String violation) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^([\\w.$]+)\\.(\\w+) - (.*)$").matcher(violation);
    if (!m.matches()) {
      return violation;
    }
    try {
      var annotation =
          Class.forName(m.group(1))
              .getAnnotation(io.micronaut.context.annotation.ConfigurationProperties.class);
      if (annotation != null) {
        String kebab =
            m.group(2).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return annotation.value() + "." + kebab + " " + m.group(3);
      }
    } catch (ClassNotFoundException e) {
      // fall through: the raw text names the class and the property
    }
    return m.group(1) + "." + m.group(2) + " " + m.group(3);
  }

  static void printError(PrintWriter err, ConnectorException e) {
    err.println("error: " + Redaction.hideCprLike(e.getMessage()));
    for (FieldError fe : e.errors()) {
      err.println("  " + fe.message());
    }
    if (e.errorCount() > e.errors().size()) {
      err.println("  … and " + (e.errorCount() - e.errors().size()) + " more");
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
