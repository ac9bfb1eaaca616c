package dk.goalattainment.connector.store;

import dk.goalattainment.connector.TestDatabase;
import dk.goalattainment.connector.TestStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract: what every database the store runs on must do alike. Its parts ({@link
 * IngestTest}, {@link BulkLoadingTest}, {@link MetricRulesTest}, {@link WorkedExampleTest}, {@link
 * SlicesTest}) are abstract; {@link DuckDbStoreContractTest} and {@link PostgresStoreContractTest}
 * run every one of them on their database, as nested classes, so the same assertions hold on both.
 * Every test starts with an empty store in {@link #db}.
 */
public abstract class AbstractStoreContractTest {
  /** The test's own temporary directory. */
  @TempDir protected Path dir;

  /** An empty store on {@link #database()}, opened before each test and closed after it. */
  protected TestStore db;

  /** The database under test. */
  protected abstract TestDatabase database();

  /** A new store on an empty database (the previous one, if any, must be closed). */
  protected TestStore openEmptyStore() {
    return new TestStore(database().open(getClass(), dir));
  }

  @BeforeEach
  void openStoreBeforeEachTest() {
    db = openEmptyStore();
  }

  @AfterEach
  void closeStoreAfterEachTest() {
    db.close();
  }
}
