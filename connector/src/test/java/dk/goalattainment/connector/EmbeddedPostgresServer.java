package dk.goalattainment.connector;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 14 server per test JVM (zonky's embedded binaries, no Docker), started on
 * first use and stopped when the JVM exits. Tests get databases of their own from {@link
 * #createDatabase(Class)}.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root, zonky runs {@code initdb}, {@code
 * pg_ctl} and {@code postgres} through {@code unshare -U} (a new user namespace in which the
 * process is not uid 0) if {@code unshare -U id -u} works; as a normal user it runs them directly.
 * If the server cannot start, every PostgreSQL test fails with a message saying why: they are never
 * skipped.
 */
public final class EmbeddedPostgresServer {
  /** The superuser of the embedded server (trust authentication, no password). */
  public static final String USER = "postgres";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;
  private static IllegalStateException failure;

  private EmbeddedPostgresServer() {}

  /** The running server, started on the first call. */
  public static synchronized EmbeddedPostgres get() {
    if (failure != null) {
      throw failure;
    }
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                // A throwaway server: durability buys nothing and costs test time.
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("synchronous_commit", "off")
                // Byte-order text sorting, as in DuckDB.
                .setLocaleConfig("locale", "C")
                .start();
      } catch (IOException | RuntimeException | Error e) {
        failure = new IllegalStateException(explain(e), e);
        throw failure;
      }
    }
    return server;
  }

  private static String explain(Throwable e) {
    boolean root = "root".equals(System.getProperty("user.name"));
    StringBuilder sb =
        new StringBuilder(
            "The embedded PostgreSQL server for the store contract tests did not start ("
                + e
                + "). ");
    if (root) {
      sb.append(
          LinuxUtils.isUnshareAvailable()
              ? "The build runs as root and zonky ran PostgreSQL through 'unshare -U'; see the"
                  + " cause below."
              : "The build runs as root, and PostgreSQL refuses to run as root: zonky runs it"
                  + " through 'unshare -U' only when 'unshare -U id -u' works. Install"
                  + " util-linux, allow user namespaces (sysctl user.max_user_namespaces > 0;"
                  + " in a container, a seccomp/AppArmor profile that permits unshare), or run"
                  + " the build as a normal user.");
    } else {
      sb.append(
          "Check that java.io.tmpdir (or ot.epg.working-dir) is writable and has room for the"
              + " PostgreSQL binaries and data (about 100 MB).");
    }
    return sb.toString();
  }

  /** A new, empty database named after {@code owner}; its JDBC URL (user {@link #USER}). */
  public static String createDatabase(Class<?> owner) {
    EmbeddedPostgres pg = get();
    String name =
        owner
                .getName()
                .substring(owner.getPackageName().length() + 1)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "")
            + "_"
            + DATABASES.incrementAndGet();
    if (name.length() > 60) {
      name = name.substring(name.length() - 60);
    }
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test database " + name, e);
    }
    return pg.getJdbcUrl(USER, name);
  }
}
