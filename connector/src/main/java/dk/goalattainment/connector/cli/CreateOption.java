package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import picocli.CommandLine.Option;

/**
 * {@code --create}: create the store first if it does not exist, as {@code connector init} does.
 * Without it a missing store is an error.
 */
public class CreateOption {
  @Option(
      names = "--create",
      description =
          "Create the store first if it does not exist (as `connector init`); without it a"
              + " missing store is an error.")
  boolean create;

  /** The store of {@code db}, created first when asked for. */
  ConnectorRuntime open(StoreOpener stores, DbOption db) {
    return create ? stores.create(db.path()) : stores.open(db.path());
  }
}
