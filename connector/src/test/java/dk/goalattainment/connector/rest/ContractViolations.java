package dk.goalattainment.connector.rest;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test (or, for violations in its class's set-up, the class) that received a response
 * outside the served contract, even where the test swallowed the {@link ApiContract#check} failure
 * (e.g. a sweep that catches every error). Registered for every test by JUnit's extension
 * autodetection (src/test/resources/META-INF/services).
 */
public final class ContractViolations
    implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  @Override
  public void beforeEach(ExtensionContext context) {
    fail(ApiContract.takeViolations(), "before " + context.getDisplayName());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    fail(ApiContract.takeViolations(), context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (ApiContract.checked() > 0) {
      System.out.printf(
          "api contract: %d responses checked so far in this JVM, in %d ms%n",
          ApiContract.checked(), ApiContract.checkMillis());
    }
    fail(ApiContract.takeViolations(), context.getDisplayName());
  }

  private static void fail(List<String> violations, String where) {
    if (!violations.isEmpty()) {
      throw new AssertionError(
          violations.size()
              + " response(s) outside the served OpenAPI contract in "
              + where
              + ":\n"
              + String.join("\n\n", violations));
    }
  }
}
