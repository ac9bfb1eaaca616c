package dk.goalattainment.connector.core.disclosure;

/**
 * A 4 × 4 two-way table whose small cells (fewer than 5 citizens) form two 2 × 2 blocks joined by
 * one more cell, (g2, t3): every row and column holds 0 or at least 2 of them, so no single group
 * gives any of them away, yet the bridge (g2, t3) is the sum of rows g1, g2 minus columns t1, t2.
 */
final class TwoWayPattern {
  private TwoWayPattern() {}

  static long[][] citizens() {
    return new long[][] {
      {2, 3, 9, 8},
      {4, 2, 3, 7},
      {9, 8, 2, 4},
      {7, 9, 3, 2},
    };
  }

  static long[][] goals() {
    return new long[][] {
      {3, 5, 14, 12},
      {6, 4, 5, 11},
      {15, 13, 3, 6},
      {10, 14, 4, 3},
    };
  }
}
