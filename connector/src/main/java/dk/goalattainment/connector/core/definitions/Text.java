package dk.goalattainment.connector.core.definitions;

/** A text in Danish and English. */
public record Text(String da, String en) {}
