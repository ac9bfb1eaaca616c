package dk.goalattainment.connector.core.model;

/** The dialogue ruler: integer scores 1–10. */
public final class Scores {
  public static final int MIN = 1;
  public static final int MAX = 10;

  private Scores() {}

  public static boolean onRuler(int score) {
    return score >= MIN && score <= MAX;
  }

  static void requireOnRuler(int score, String name) {
    if (!onRuler(score)) {
      throw new IllegalArgumentException(name + " must be an integer in 1-10");
    }
  }
}
