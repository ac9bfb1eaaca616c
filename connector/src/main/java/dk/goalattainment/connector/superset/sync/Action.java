package dk.goalattainment.connector.superset.sync;

/** What a plan does to one asset, with its sign in the printed plan. */
public enum Action {
  CREATE("+", "create"),
  UPDATE("~", "update"),
  DELETE("-", "delete"),
  UNCHANGED(" ", "unchanged");

  private final String symbol;
  private final String verb;

  Action(String symbol, String verb) {
    this.symbol = symbol;
    this.verb = verb;
  }

  /** {@code +}, {@code ~}, {@code -} or a space. */
  public String symbol() {
    return symbol;
  }

  /** {@code create}, {@code update}, {@code delete} or {@code unchanged}. */
  public String verb() {
    return verb;
  }
}
