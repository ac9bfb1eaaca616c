package dk.goalattainment.connector.core.semantic;

/**
 * The 95 % intervals of domain.md §3 as SQL over integer measures (ADR 0002): Wilson score
 * intervals for shares, mean ± 1.96·s/√N for the mean over citizens. Every bound is one fixed
 * formula over exact integers, rounded half up to {@value FixedPoint#DECIMALS} decimals.
 */
final class Intervals {
  /** The z value of a 95 % interval. */
  static final String Z = "1.96";

  private Intervals() {}

  private static String dbl(String v, SqlSyntax s) {
    return "CAST(" + v + " AS " + s.doubleType() + ")";
  }

  /**
   * The Wilson score interval bound for k successes of n, clipped to [0, 1]; null when n = 0.
   * centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
   */
  static String wilson(String k, String n, boolean high, SqlSyntax s) {
    String nd = dbl(n, s);
    String p = "(" + dbl(k, s) + " / " + nd + ")";
    String centre = "(" + p + " + 1.9208 / " + nd + ")";
    String half =
        Z
            + " * SQRT("
            + p
            + " * (1 - "
            + p
            + ") / "
            + nd
            + " + 0.9604 / ("
            + nd
            + " * "
            + nd
            + "))";
    String bound = "(" + centre + (high ? " + " : " - ") + half + ") / (1 + 3.8416 / " + nd + ")";
    return "CASE WHEN "
        + n
        + " > 0 THEN "
        + FixedPoint.round((high ? "LEAST(1.0, " : "GREATEST(0.0, ") + bound + ")", s)
        + " END";
  }

  /** The mean share as a double: Σ share ÷ (N × 720720), one division. */
  static String mean(String shareSum, String citizens, SqlSyntax s) {
    return "(" + dbl(shareSum, s) + " / " + dbl(citizens + " * " + FixedPoint.SHARE_SCALE, s) + ")";
  }

  /**
   * The sample standard deviation of the shares as a double, from the exact integer sums: √((N·ΣX²
   * − (ΣX)²) ÷ (N(N−1))) ÷ 720720, every operation an IEEE one on exactly converted integers. For N
   * ≥ 2.
   */
  static String standardDeviation(String shareSum, String shareSquareSum, String n, SqlSyntax s) {
    String nd = dbl(n, s);
    String sum = dbl(shareSum, s);
    String s2 = "(" + nd + " * " + dbl(shareSquareSum, s) + " - " + sum + " * " + sum + ")";
    return "(SQRT(GREATEST(0.0, "
        + s2
        + ") / ("
        + nd
        + " * ("
        + nd
        + " - 1))) / "
        + dbl(Long.toString(FixedPoint.SHARE_SCALE), s)
        + ")";
  }
}
