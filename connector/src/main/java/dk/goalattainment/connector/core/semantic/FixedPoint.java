package dk.goalattainment.connector.core.semantic;

/**
 * How the engine keeps its figures exact and the same on every run and database (ADR "deterministic
 * figures"): every sum is a sum of integers, every figure one final division.
 *
 * <ul>
 *   <li>A citizen's share of goals met, m ÷ n, is held as the integer {@code round(m × 720720 ÷
 *       n)}: 720720 is the least common multiple of 1..16, so the share is exact for every citizen
 *       with at most 16 goals followed up in a slice (beyond, rounded half up to 1/720720).
 *   <li>Sums over citizens of that integer and of its square are exact integer sums.
 *   <li>A published share or mean is one final division of two exact integers (as doubles: every
 *       count and sum is below 2⁵³), rounded half up to {@value #DECIMALS} decimal places; derived
 *       figures (intervals, standard deviation, changes) are one fixed formula of correctly rounded
 *       IEEE operations over exact integers, rounded the same way. The same bits on every run and
 *       database; a double that is a 12-decimal number prints the same way everywhere.
 * </ul>
 */
public final class FixedPoint {
  /** The unit of a citizen's fixed-point share: 1/720720 (= 1/lcm(1..16)). */
  public static final long SHARE_SCALE = 720_720L;

  /** Decimal places of every published non-integer figure. */
  public static final int DECIMALS = 12;

  /** 10^{@value #DECIMALS}. */
  public static final long FIGURE_SCALE = 1_000_000_000_000L;

  private FixedPoint() {}

  /** A citizen's fixed-point share: {@code round(m × 720720 ÷ n)}, half up, for n > 0. */
  public static String citizenShare(String met, String followedUp, SqlSyntax s) {
    return s.integerDivide(
        "2 * (" + met + ") * " + SHARE_SCALE + " + (" + followedUp + ")",
        "2 * (" + followedUp + ")");
  }

  /** The same in Java, for tables of values computed outside the database. */
  public static long citizenShare(long met, long followedUp) {
    return (2 * met * SHARE_SCALE + followedUp) / (2 * followedUp);
  }

  /**
   * The ratio {@code numerator ÷ denominator} of two integer expressions as one IEEE division of
   * their exact double values (integers below 2⁵³), rounded half up to {@value #DECIMALS} decimals;
   * the caller ensures denominator > 0. Every operation is correctly rounded, so every database
   * gives the same bits.
   */
  public static String ratio(String numerator, String denominator, SqlSyntax s) {
    String d = s.doubleType();
    return round(
        "CAST(" + numerator + " AS " + d + ") / CAST(" + denominator + " AS " + d + ")", s);
  }

  /** A double expression rounded half up to {@value #DECIMALS} decimals. */
  public static String round(String value, SqlSyntax s) {
    return "(FLOOR((" + value + ") * " + scale(s) + " + 0.5) / " + scale(s) + ")";
  }

  private static String scale(SqlSyntax s) {
    return "CAST(" + FIGURE_SCALE + " AS " + s.doubleType() + ")";
  }
}
