package dk.goalattainment.connector.http;

/**
 * Whether a request may be sent again after a transient failure ({@link FailurePolicy}). Every
 * request of the Superset and CKAN adapters declares one.
 */
public enum Repeat {
  /**
   * Sending it twice cannot apply it twice: reads, {@code PUT}, {@code DELETE} and patches by id,
   * the login, and creates that the server keys by a unique name (Superset's databases, datasets,
   * roles and row-level security rules, CKAN's datasets: a second copy is refused with 422 or 409,
   * never stored). Repeated after any transient failure.
   */
  SAFE,

  /**
   * Sending it twice could store two copies (CKAN's {@code resource_create}: a dataset may hold two
   * resources of one name). Repeated only when the server cannot have processed it: no connection
   * was made, or it answered 503 or 429.
   */
  IF_UNPROCESSED,

  /**
   * Sent once, whatever happens: Superset's {@code POST /api/v1/assets/import/}, whose failures are
   * not transient (its 500 "Import failed for an unknown reason" has its cause in the bundle;
   * LIVE-FACTS.md).
   */
  NEVER
}
