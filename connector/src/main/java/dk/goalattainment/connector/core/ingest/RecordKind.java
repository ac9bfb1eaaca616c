package dk.goalattainment.connector.core.ingest;

/** The three kinds of input record, with the name used in error messages and endpoints. */
public enum RecordKind {
  ORG_UNITS("org-units"),
  GOALS("goals"),
  FOLLOWUPS("followups");

  private final String label;

  RecordKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
