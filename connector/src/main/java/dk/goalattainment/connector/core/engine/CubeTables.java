package dk.goalattainment.connector.core.engine;

import java.util.List;

/**
 * The refresh's own tables: what the engine keeps between refreshes (dictionaries, the counted
 * follow-ups and the goals as last refreshed, which an incremental refresh subtracts) and the
 * change log that ingest writes for it. Their DDL is in the store schema ({@code StoreSchema}).
 */
public final class CubeTables {
  /** Org units numbered depth-first: {@code unit_id, uno, uend, depth}. */
  public static final String UNIT = "engine_unit";

  /** Catalogue codes numbered per dimension: {@code dimension, code, id}. */
  public static final String CODE = "engine_code";

  /** The materialised periods: {@code pid, period, kind, start_qk, end_qk, prev_pid, yoy_pid}. */
  public static final String PERIOD = "engine_period";

  /** Citizens numbered: {@code citizen_key, cno}. */
  public static final String CITIZEN = "engine_citizen";

  /**
   * Goals as last refreshed, coded: {@code goal_id, gno, cno, au, pu, cell, base, target, due_qk,
   * due_date}.
   */
  public static final String GOAL = "engine_goal";

  /** The counted follow-up of every goal and period as last refreshed: {@code pid, gno, score}. */
  public static final String COUNTED = "engine_counted";

  /**
   * Every goal's compliance facts as last refreshed: {@code gno, due_qk, first_qk, on_time}
   * (first_qk: the quarter of its first follow-up, null if none).
   */
  public static final String DUE = "engine_due";

  /**
   * What ingest changed since the last refresh: {@code kind} ({@code goal}: a goal or one of its
   * follow-ups changed, {@code id} its goal id; {@code org}: org units changed).
   */
  public static final String PENDING = "engine_pending";

  /** Fingerprints of what the last full refresh was built from: {@code name, value}. */
  public static final String STATE = "engine_state";

  /** Tables dropped and rebuilt by a full refresh. */
  public static final List<String> REBUILT = List.of(CITIZEN, GOAL, COUNTED, DUE);

  /** Quarter index of a date expression: year × 4 + quarter − 1. */
  public static String quarterIndex(String date) {
    return "(CAST(EXTRACT(YEAR FROM "
        + date
        + ") AS INTEGER) * 4 + CAST(EXTRACT(QUARTER FROM "
        + date
        + ") AS INTEGER) - 1)";
  }

  private CubeTables() {}
}
