package dk.goalattainment.connector.app;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the pseudonym key: the configured one ({@code CONNECTOR_PSEUDONYM_KEY}) or, for the
 * embedded store only, a demo key kept in {@code <database>.pseudonym-key} beside the database,
 * generated on first use. Pseudonyms made with different keys never match, so the demo key must
 * stay with its database.
 */
public final class PseudonymKeys {
  private static final Logger LOG = LoggerFactory.getLogger(PseudonymKeys.class);

  private PseudonymKeys() {}

  /** The key file beside an embedded database. */
  public static Path demoKeyFile(Path database) {
    return database.resolveSibling(database.getFileName() + ".pseudonym-key");
  }

  public static Pseudonymizer pseudonymizer(PseudonymProperties config, Path embeddedDatabase) {
    return pseudonymizer(config, embeddedDatabase, () -> false);
  }

  /** Key files this process has already warned about (the warning shows once per command). */
  private static final java.util.Set<Path> WARNED =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * The pseudonymizer for a store. A demo key is generated only beside an embedded store that holds
   * no goals yet: where goals are stored and the key file is missing, the key they were
   * pseudonymised with is lost or misplaced, and a new one would silently split every citizen in
   * two. That is an error.
   *
   * @param storeHoldsData asked only when a demo key would be generated
   */
  public static Pseudonymizer pseudonymizer(
      PseudonymProperties config,
      Path embeddedDatabase,
      java.util.function.BooleanSupplier storeHoldsData) {
    String configured = config.key();
    if (configured != null && !configured.isBlank()) {
      try {
        return new Pseudonymizer(configured);
      } catch (IllegalArgumentException e) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "CONNECTOR_PSEUDONYM_KEY is unusable: " + e.getMessage());
      }
    }
    if (embeddedDatabase == null) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "Set CONNECTOR_PSEUDONYM_KEY (at least "
              + Pseudonymizer.MIN_KEY_BYTES
              + " bytes): a demo key is only generated for the embedded database.");
    }
    Path file = demoKeyFile(embeddedDatabase);
    if (!Files.exists(file) && storeHoldsData.getAsBoolean()) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "The store "
              + embeddedDatabase
              + " holds goals but its pseudonym key file "
              + file
              + " is missing: the key they were pseudonymised with is lost or misplaced. Put the"
              + " key file back beside the database (or set CONNECTOR_PSEUDONYM_KEY to that key);"
              + " a new key would give the same citizens new pseudonyms that never match.");
    }
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
      }
      if (WARNED.add(file.toAbsolutePath().normalize())) {
        LOG.warn(
            "CONNECTOR_PSEUDONYM_KEY is not set: using the demo pseudonym key in {}. Fine for demo"
                + " data; for real data set a managed secret (pseudonyms made with another key will"
                + " not match).",
            file);
      }
      return new Pseudonymizer(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException | IllegalArgumentException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "Cannot use the demo pseudonym key " + file + ": " + e.getMessage(),
          e);
    }
  }
}
