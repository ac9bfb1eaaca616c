package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.engine.Refreshes;
import java.time.Duration;
import java.util.Locale;

/** The store's refresh seen through the core's port ({@link Refreshes}): its stages and result. */
public final class RefreshOutcomes {
  private RefreshOutcomes() {}

  /** What a refresh built, as the port tells it. */
  public static Refreshes.Outcome of(DatasetRefresher.Result r) {
    return new Refreshes.Outcome(
        r.refreshedAt(),
        r.took(),
        r.rows(),
        r.kind().name().toLowerCase(Locale.ROOT),
        r.reason(),
        r.asOf());
  }

  /** The refresh's stages told to the port's listener. */
  public static RefreshListener listener(Refreshes.Stages stages) {
    return new RefreshListener() {
      @Override
      public void started(String stage) {
        stages.started(stage);
      }

      @Override
      public void finished(String stage, long rows, Duration took) {
        stages.finished(stage, rows, took);
      }

      @Override
      public void decided(String plan) {
        stages.decided(plan);
      }
    };
  }
}
