package dk.goalattainment.connector.superset.client;

/** A Superset role ({@code GET /api/v1/security/roles/}). */
public record Role(int id, String name) {}
