package dk.goalattainment.connector.store;

import java.time.Duration;

/**
 * Hears the stages of a refresh as they run: a stage starts, then finishes with the rows it wrote
 * and its time. For progress on a terminal, in a log, or (later) in a job's status resource.
 */
public interface RefreshListener {
  /** A stage begins. */
  default void started(String stage) {}

  /**
   * A stage is done.
   *
   * @param rows rows of the last table it wrote (or -1 when it wrote none)
   */
  default void finished(String stage, long rows, Duration took) {}

  /** Says what kind of refresh runs and why (full or incremental). */
  default void decided(String plan) {}

  /** A finished stage as one line: {@code attainment: 195,410 rows in 1.20 s}. */
  static String line(String stage, long rows, Duration took) {
    return dk.goalattainment.connector.core.engine.Refreshes.Stages.line(stage, rows, took);
  }

  /** Hears nothing. */
  RefreshListener NONE = new RefreshListener() {};
}
