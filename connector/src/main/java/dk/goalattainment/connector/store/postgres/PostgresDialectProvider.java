package dk.goalattainment.connector.store.postgres;

import dk.goalattainment.connector.store.SqlDialectProvider;
import dk.goalattainment.connector.store.StoreKind;
import java.sql.SQLException;
import java.util.Locale;

/** PostgreSQL's facts: {@code public} schema, {@code DOUBLE PRECISION}, SQLState 42P01. */
public final class PostgresDialectProvider implements SqlDialectProvider {
  @Override
  public StoreKind kind() {
    return StoreKind.POSTGRES;
  }

  @Override
  public boolean handlesSqlalchemyUri(String uri) {
    return uri != null && uri.toLowerCase(Locale.ROOT).startsWith("postgres");
  }

  @Override
  public String defaultSchema() {
    return "public";
  }

  @Override
  public String typeName(String family) {
    return "DOUBLE".equals(family) ? "DOUBLE PRECISION" : family;
  }

  /** undefined_table. */
  @Override
  public boolean isMissingTable(SQLException e) {
    return "42P01".equals(e.getSQLState());
  }
}
