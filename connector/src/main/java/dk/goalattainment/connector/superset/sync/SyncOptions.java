package dk.goalattainment.connector.superset.sync;

/**
 * How to sync.
 *
 * @param dryRun plan only: print the plan and write nothing
 * @param prune also delete the connector's assets that are no longer desired
 * @param createRoles create the roles that the rules and dashboards name and Superset lacks (with
 *     no permissions of their own); without it a missing role stops the sync
 */
public record SyncOptions(boolean dryRun, boolean prune, boolean createRoles) {
  /** Options that create no role. */
  public SyncOptions(boolean dryRun, boolean prune) {
    this(dryRun, prune, false);
  }
}
