package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
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

  public static Pseudonymizer pseudonymizer(String configuredKey, Path embeddedDatabase) {
    return pseudonymizer(configuredKey, embeddedDatabase, () -> false);
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
   * @param configuredKey {@code connector.pseudonym.key} ({@code CONNECTOR_PSEUDONYM_KEY}), or null
   * @param storeHoldsData asked only when a demo key would be generated
   */
  public static Pseudonymizer pseudonymizer(
      String configuredKey,
      Path embeddedDatabase,
      java.util.function.BooleanSupplier storeHoldsData) {
    String configured = configuredKey;
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
        createKeyFile(file);
      }
      String key = readKeyFile(file);
      if (WARNED.add(file.toAbsolutePath().normalize())) {
        LOG.warn(
            "CONNECTOR_PSEUDONYM_KEY is not set: using the demo pseudonym key in {}. Fine for demo"
                + " data; for real data set a managed secret (pseudonyms made with another key will"
                + " not match).",
            file);
      }
      return new Pseudonymizer(key);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "Cannot use the demo pseudonym key " + file + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Writes a new random key to {@code file}, readable by its owner only from the first byte: the
   * key goes into a temporary file created with mode 600 in the same folder, is flushed to disk,
   * and is then linked to its name atomically (a rename where links are not supported). A failed
   * write (a full disk) leaves no key file behind; when another process made the file first, its
   * key is kept.
   */
  static void createKeyFile(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] content = (HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.US_ASCII);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    String prefix = "." + file.getFileName() + ".";
    Path tmp =
        posix
            ? Files.createTempFile(
                dir,
                prefix,
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, prefix, ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.createLink(file, tmp); // atomic, and never replaces a key another process made
      } catch (FileAlreadyExistsException someoneElse) {
        return;
      } catch (UnsupportedOperationException | IOException noLinks) {
        if (Files.exists(file)) {
          return;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      }
      syncFolder(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void syncFolder(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every platform can sync a folder; the key file itself is on disk already
    }
  }

  /**
   * The key in a key file, refusing an empty or short one with what to do about it; warns when
   * other users may read the file.
   */
  static String readKeyFile(Path file) throws IOException {
    String key = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (key.getBytes(StandardCharsets.UTF_8).length < Pseudonymizer.MIN_KEY_BYTES) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "The demo pseudonym key file "
              + file
              + (key.isEmpty() ? " is empty" : " holds too short a key")
              + " (an earlier write of it probably failed). If the store beside it holds no data"
              + " yet, delete the file and start again: a new key is made. If it holds data,"
              + " restore the file from a backup, since pseudonyms made with a new key will not"
              + " match the stored ones.");
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
        LOG.warn(
            "The demo pseudonym key file {} may be read by other users: chmod 600 {}", file, file);
      }
    }
    return key;
  }
}
