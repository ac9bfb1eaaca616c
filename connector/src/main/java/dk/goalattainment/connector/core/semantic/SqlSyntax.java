package dk.goalattainment.connector.core.semantic;

/**
 * The little that differs between the SQL of the supported databases, as the engine needs it. Every
 * method returns SQL text for values the engine generated itself, never user text.
 */
public interface SqlSyntax {
  /** The name of the 64-bit floating point type ({@code DOUBLE}, {@code DOUBLE PRECISION}). */
  String doubleType();

  /**
   * The integer quotient of two non-negative 64-bit integer expressions, truncated ({@code a // b}
   * in DuckDB, whose {@code /} gives a double; {@code a / b} in PostgreSQL).
   */
  String integerDivide(String dividend, String divisor);

  /**
   * The elements of a group as an array, any order ({@code array_agg(x)}); an element is read with
   * {@code array[i]} (1-based) on every supported database.
   */
  default String arrayAggregate(String expression) {
    return "array_agg(" + expression + ")";
  }

  /**
   * The sum of a 64-bit integer expression over a group, as a 64-bit integer: an error, never a
   * wrong figure, if it overflows ({@code CAST(SUM(x) AS BIGINT)}; PostgreSQL sums 64-bit integers
   * in {@code numeric}, a dialect may name a faster exact aggregate).
   */
  default String bigintSum(String expression) {
    return "CAST(SUM(" + expression + ") AS BIGINT)";
  }

  /**
   * A statement that refreshes the planner's statistics of a table, or null when none is needed.
   */
  default String analyze(String table) {
    return null;
  }

  /**
   * Whether the database evaluates expressions a row at a time (PostgreSQL without JIT) rather than
   * a vector at a time (DuckDB). The engine then decodes each member of a citizen's set once and
   * computes shared expressions once per row instead of repeating them (ADR 0024); the figures are
   * the same either way.
   */
  default boolean evaluatesRowByRow() {
    return false;
  }
}
