package dk.goalattainment.connector.store.duckdb;

import dk.goalattainment.connector.store.ParquetWriter;
import dk.goalattainment.connector.store.SqlDialectProvider;
import dk.goalattainment.connector.store.StoreKind;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** DuckDB's facts: {@code main} schema, its type names and "Table ... does not exist" errors. */
public final class DuckDbDialectProvider implements SqlDialectProvider {
  @Override
  public StoreKind kind() {
    return StoreKind.DUCKDB;
  }

  @Override
  public boolean handlesSqlalchemyUri(String uri) {
    return uri != null && uri.toLowerCase(Locale.ROOT).startsWith("duckdb:");
  }

  @Override
  public String defaultSchema() {
    return "main";
  }

  @Override
  public String typeName(String family) {
    return family;
  }

  @Override
  public boolean isMissingTable(SQLException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("table") && m.contains("does not exist");
  }

  @Override
  public Optional<ParquetWriter> parquetWriter() {
    return Optional.of(new DuckDbParquetWriter());
  }
}
