package dk.goalattainment.connector.superset.sync;

/**
 * The outcome of a sync.
 *
 * @param plan the plan that was printed
 * @param applied whether the plan was applied (false for a dry run or when nothing differed)
 * @param writeRequests how many POST, PUT and DELETE requests changed assets (logins and token
 *     refreshes not counted)
 */
public record SyncResult(Plan plan, boolean applied, int writeRequests) {}
