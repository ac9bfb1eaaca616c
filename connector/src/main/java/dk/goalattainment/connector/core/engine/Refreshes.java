package dk.goalattainment.connector.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Refreshing the materialised datasets, as the front doors ask for it: a port the store's refresh
 * implements (adapted in {@code app}), so REST runs refresh jobs without knowing the store.
 */
public interface Refreshes {
  /**
   * Materialises the datasets, incrementally when it can ({@code full} forces a full refresh), with
   * the data as of the latest follow-up date; {@code stages} hears each stage.
   */
  Outcome refresh(boolean full, Stages stages);

  /**
   * What a refresh built.
   *
   * @param kind {@code full} or {@code incremental}
   * @param reason why that kind
   * @param rows the rows of each table it wrote
   * @param asOf the date the data runs to (null when the store holds no follow-up)
   */
  record Outcome(
      Instant refreshedAt,
      Duration took,
      Map<String, Long> rows,
      String kind,
      String reason,
      LocalDate asOf) {}

  /** Hears the stages of a refresh as they run. */
  interface Stages {
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
      return stage
          + (rows >= 0 ? ": %,d rows".formatted(rows) : ":")
          + " in %.2f s".formatted(took.toNanos() / 1e9);
    }
  }
}
