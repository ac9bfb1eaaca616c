package dk.goalattainment.connector.superset.sync;

import dk.goalattainment.connector.superset.client.SupersetClient;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The sync as one call: plan, print the plan, and apply it unless it is a dry run or nothing
 * differs. This is what {@code connector superset sync} runs.
 */
public final class SupersetSync {
  private final SyncPlanner planner;
  private final SyncExecutor executor;

  /** A sync through {@code client}, recognising its assets by {@code ownership}. */
  public SupersetSync(SupersetClient client, Ownership ownership) {
    this.planner = new SyncPlanner(client, ownership);
    this.executor = new SyncExecutor(client);
  }

  /**
   * Plans, prints the plan line by line to {@code out}, and applies it unless {@code
   * options.dryRun()}.
   */
  public SyncResult run(DesiredState desired, SyncOptions options, Consumer<String> out) {
    Objects.requireNonNull(out, "out");
    Plan plan = planner.plan(desired, options.prune());
    plan.render().lines().forEach(out);
    if (options.dryRun()) {
      out.accept("Dry run: nothing was changed.");
      return new SyncResult(plan, false, 0);
    }
    if (!plan.hasChanges()) {
      out.accept("Superset is up to date.");
      return new SyncResult(plan, false, 0);
    }
    SyncResult result = executor.apply(plan);
    out.accept(
        "Applied: "
            + plan.count(Action.CREATE)
            + " created, "
            + plan.count(Action.UPDATE)
            + " updated, "
            + plan.count(Action.DELETE)
            + " deleted ("
            + result.writeRequests()
            + " write requests).");
    return result;
  }
}
