package dk.goalattainment.connector.core.engine;

import java.util.Objects;

/**
 * One statement of the refresh, with the stage it belongs to (for progress) and the table it
 * creates, if any (whose rows the progress reports).
 *
 * @param stage a short name of the stage, e.g. {@code counted follow-ups}
 * @param table the table the statement creates from {@code sql} (a query), or null when {@code sql}
 *     is a statement of its own
 * @param kind what kind of table it creates
 * @param sql the query of the table, or the statement
 */
public record CubeStep(String stage, String table, TableKind kind, String sql) {
  public CubeStep {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(sql, "sql");
  }

  /** What a created table is for; a dialect may store the kinds differently. */
  public enum TableKind {
    /** Scratch of this refresh, gone with the connection. */
    TEMPORARY,
    /** The engine's state between refreshes: derived, a full refresh rebuilds it. */
    ENGINE,
    /** A dataset that readers see. */
    DATASET
  }

  /** A statement that creates a temporary {@code table} as {@code select}. */
  public static CubeStep create(String stage, String table, String select) {
    return new CubeStep(stage, table, TableKind.TEMPORARY, select);
  }

  /** A statement that creates {@code table} of a kind as {@code select}. */
  public static CubeStep create(String stage, String table, TableKind kind, String select) {
    return new CubeStep(stage, table, kind, select);
  }

  /** A statement without a table of its own. */
  public static CubeStep run(String stage, String sql) {
    return new CubeStep(stage, null, null, sql);
  }
}
