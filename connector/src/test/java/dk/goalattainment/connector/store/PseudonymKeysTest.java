package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The demo pseudonym key beside an embedded database: private from the start, never empty. */
class PseudonymKeysTest {
  static final String UNSET = null;

  @TempDir Path dir;

  @Test
  void aNewDemoKeyIsPrivateToItsOwnerAndNothingElseIsLeftBehind() throws Exception {
    Path db = dir.resolve("sub").resolve("store.duckdb");

    PseudonymKeys.pseudonymizer(UNSET, db);

    Path key = PseudonymKeys.demoKeyFile(db);
    assertThat(Files.readString(key, StandardCharsets.US_ASCII)).matches("[0-9a-f]{64}\n");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .isEqualTo("rw-------");
    }
    try (Stream<Path> files = Files.list(key.getParent())) {
      assertThat(files).containsExactly(key);
    }
  }

  @Test
  void theSameKeyIsUsedAgainAndAnExistingKeyIsNeverReplaced() throws Exception {
    Path db = dir.resolve("store.duckdb");
    Path key = PseudonymKeys.demoKeyFile(db);
    Files.writeString(key, "an-existing-key-made-by-another-process\n");

    PseudonymKeys.createKeyFile(key); // as a process that lost the race would

    assertThat(Files.readString(key)).isEqualTo("an-existing-key-made-by-another-process\n");
    assertThat(
            PseudonymKeys.pseudonymizer(UNSET, db)
                .citizenKey(
                    ((dk.goalattainment.connector.core.privacy.Cpr.Valid)
                            dk.goalattainment.connector.core.privacy.Cpr.parse("0101801234"))
                        .cpr()))
        .isEqualTo(
            new dk.goalattainment.connector.core.privacy.Pseudonymizer(
                    "an-existing-key-made-by-another-process")
                .citizenKey(
                    ((dk.goalattainment.connector.core.privacy.Cpr.Valid)
                            dk.goalattainment.connector.core.privacy.Cpr.parse("0101801234"))
                        .cpr()));
  }

  @Test
  void anEmptyOrShortKeyFileIsAClearErrorNamingTheFileAndWhatToDo() throws Exception {
    Path db = dir.resolve("store.duckdb");
    Path key = PseudonymKeys.demoKeyFile(db);
    for (String content : new String[] {"", "\n", "short"}) {
      Files.writeString(key, content);

      ConnectorException e =
          catchThrowableOfType(
              ConnectorException.class, () -> PseudonymKeys.pseudonymizer(UNSET, db));

      assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
      assertThat(e.getMessage())
          .contains(key.toString())
          .contains("delete the file and start again")
          .contains("restore the file from a backup");
    }
  }

  @Test
  void aKeyFileOthersMayReadIsWarnedAbout() throws Exception {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Path db = dir.resolve("store.duckdb");
    PseudonymKeys.pseudonymizer(UNSET, db);
    Files.setPosixFilePermissions(
        PseudonymKeys.demoKeyFile(db), PosixFilePermissions.fromString("rw-r--r--"));
    Logger logger = (Logger) LoggerFactory.getLogger(PseudonymKeys.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      PseudonymKeys.pseudonymizer(UNSET, db);
    } finally {
      logger.detachAppender(log);
    }

    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.contains("may be read by other users: chmod 600"));
  }
}
