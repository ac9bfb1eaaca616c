package dk.goalattainment.connector.superset.sync;

/** The kinds of Superset asset the sync manages. */
public enum AssetKind {
  DATABASE("database"),
  DATASET("dataset"),
  COLUMN("column"),
  METRIC("metric"),
  RLS_RULE("rls rule"),
  ROLE("role"),
  DASHBOARD("dashboard");

  private final String label;

  AssetKind(String label) {
    this.label = label;
  }

  /** The kind as the plan prints it. */
  public String label() {
    return label;
  }
}
