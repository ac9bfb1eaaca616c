package dk.goalattainment.connector.core.engine;

/** The little that differs between the SQL of the supported databases, as the engine needs it. */
public interface SqlSyntax {
  /** The name of the 64-bit floating point type ({@code DOUBLE}, {@code DOUBLE PRECISION}). */
  String doubleType();
}
