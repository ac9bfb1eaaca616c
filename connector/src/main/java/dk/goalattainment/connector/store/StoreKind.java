package dk.goalattainment.connector.store;

/**
 * A kind of database the store runs on: the code {@code connector.store.kind} names ({@code
 * duckdb}, {@code postgres}), as its {@link SqlDialectProvider} declares it. The kinds there are
 * are the providers on the class path ({@link SqlDialects#configured}); no list of them is kept
 * here.
 *
 * @param code lower-case letters, digits and dashes, starting with a letter
 */
public record StoreKind(String code) {
  public StoreKind {
    if (code == null || !code.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "a store kind is lower-case letters, digits and dashes, not " + code);
    }
  }
}
