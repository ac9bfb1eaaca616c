package dk.goalattainment.connector.store.duckdb;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.store.ParquetWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Parquet through an in-memory DuckDB ({@code COPY … TO … (FORMAT PARQUET)}), whatever the store.
 */
final class DuckDbParquetWriter implements ParquetWriter {
  @Override
  public void csvToParquet(Path csv, Path parquet, Map<String, String> types) {
    StringBuilder columns = new StringBuilder("{");
    int i = 0;
    for (Map.Entry<String, String> t : types.entrySet()) {
      columns
          .append(i++ == 0 ? "" : ", ")
          .append('\'')
          .append(t.getKey())
          .append("': '")
          .append(t.getValue())
          .append('\'');
    }
    columns.append('}');
    String sql =
        "COPY (SELECT * FROM read_csv('"
            + csv.toAbsolutePath().toString().replace("'", "''")
            + "', header = true, delim = ',', quote = '\"', nullstr = '', columns = "
            + columns
            + ")) TO '"
            + parquet.toAbsolutePath().toString().replace("'", "''")
            + "' (FORMAT PARQUET)";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new ConnectorException(
          ErrorCode.STORE_FAILURE, "The store failed writing Parquet: " + e.getMessage(), e);
    }
  }
}
