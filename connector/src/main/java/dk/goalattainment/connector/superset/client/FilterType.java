package dk.goalattainment.connector.superset.client;

/**
 * Superset's row-level security filter types. A {@code Regular} filter applies to the roles it
 * names; a {@code Base} filter applies to everyone except those roles.
 */
public enum FilterType {
  REGULAR("Regular"),
  BASE("Base");

  private final String wireName;

  FilterType(String wireName) {
    this.wireName = wireName;
  }

  /** Superset's spelling: {@code Regular} or {@code Base}. */
  public String wireName() {
    return wireName;
  }

  /** The filter type Superset spells {@code name}. */
  public static FilterType ofWireName(String name) {
    for (FilterType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown RLS filter type: " + name);
  }
}
