package dk.goalattainment.connector.core.model;

import java.util.Optional;

/** The citizen's age band on the goal's set date; the birth date itself is never kept. */
public enum AgeBand {
  A0_5("0-5", 0, 5),
  A6_12("6-12", 6, 12),
  A13_17("13-17", 13, 17),
  A18_29("18-29", 18, 29),
  A30_49("30-49", 30, 49),
  A50_64("50-64", 50, 64),
  A65_PLUS("65+", 65, Integer.MAX_VALUE);

  private final String code;
  private final int minAge;
  private final int maxAge;

  AgeBand(String code, int minAge, int maxAge) {
    this.code = code;
    this.minAge = minAge;
    this.maxAge = maxAge;
  }

  public String code() {
    return code;
  }

  /** The band holding an age in whole years; ages below zero have none. */
  public static Optional<AgeBand> ofAge(int age) {
    for (AgeBand band : values()) {
      if (age >= band.minAge && age <= band.maxAge) {
        return Optional.of(band);
      }
    }
    return Optional.empty();
  }

  public static Optional<AgeBand> fromCode(String code) {
    for (AgeBand band : values()) {
      if (band.code.equals(code)) {
        return Optional.of(band);
      }
    }
    return Optional.empty();
  }
}
