package dk.goalattainment.connector.http;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Jersey logs through {@code java.util.logging}; this routes those records to SLF4J (and so to
 * logback) instead of JUL's console handler. Call it once at start-up, for example from the CLI's
 * wiring; calling it again does nothing.
 */
public final class JerseyLogging {
  private JerseyLogging() {}

  /** Installs the JUL→SLF4J bridge unless it is installed already. */
  public static synchronized void routeToSlf4j() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
