package dk.goalattainment.connector.superset.sync;

import dk.goalattainment.connector.superset.client.SupersetClient;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The sync use case: one plan of every asset (roles, the database, datasets with columns and
 * metrics, row-level security, dashboards with their role access), printed, then applied by one
 * executor unless it is a dry run or nothing differs. {@code connector superset sync} only parses
 * its options into a {@link DesiredState} and {@link SyncOptions} and prints what this says.
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
    Plan plan = planner.plan(desired, options);
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
    if (plan.dashboardImports() > 0) {
      out.accept("Imported " + plan.dashboardImports() + " dashboards and set their roles.");
    }
    return result;
  }
}
