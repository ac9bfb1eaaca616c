package dk.goalattainment.connector.superset.sync;

/**
 * How to sync.
 *
 * @param dryRun plan only: print the plan and write nothing
 * @param prune also delete the connector's assets that are no longer desired
 */
public record SyncOptions(boolean dryRun, boolean prune) {}
