package dk.goalattainment.connector.superset.client;

/** A dataset as a row-level security rule refers to it. */
public record RlsTable(int id, String schema, String tableName) {}
