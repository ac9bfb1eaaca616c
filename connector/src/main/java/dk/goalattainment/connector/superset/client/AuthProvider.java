package dk.goalattainment.connector.superset.client;

import java.util.Locale;

/** How Superset checks the user name and password at {@code POST /api/v1/security/login}. */
public enum AuthProvider {
  /** Users kept in Superset's own database. */
  DB,
  /** Users checked against LDAP. */
  LDAP;

  /** The value of the login body's {@code provider} field: {@code db} or {@code ldap}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
