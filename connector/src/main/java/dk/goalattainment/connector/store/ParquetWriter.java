package dk.goalattainment.connector.store;

import java.nio.file.Path;
import java.util.Map;

/** Writes a Parquet file from a CSV file with a header, with the given column types. */
@FunctionalInterface
public interface ParquetWriter {
  /**
   * @param types column name → SQL type name (VARCHAR, BIGINT, DOUBLE, DATE, BOOLEAN, INTEGER)
   */
  void csvToParquet(Path csv, Path parquet, Map<String, String> types);
}
