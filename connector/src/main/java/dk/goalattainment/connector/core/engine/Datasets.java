package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The materialised datasets as the front doors read them: rows, row counts, a metric's value over a
 * slice, and when they were refreshed. A port the store implements ({@code store/DatasetQueries}),
 * wired in {@code app}, so REST reads datasets without knowing the store.
 */
public interface Datasets {
  /** One page of rows. */
  record Page(long total, long offset, int limit, List<Map<String, Object>> rows) {
    /** The offset of the next page, or null on the last page. */
    public Long nextOffset() {
      return offset + rows.size() < total ? offset + rows.size() : null;
    }
  }

  /**
   * Rows of a dataset matching every filter (column → accepted values), limited to the subtrees of
   * {@code orgRoots} (unit ids) when it is not null; ordered by every dimension, so pages are
   * stable. A filter value not of its column's type is a {@code BAD_REQUEST} naming the column.
   */
  Page rows(
      DatasetDefinition dataset,
      Map<String, List<String>> filters,
      long offset,
      int limit,
      Set<String> orgRoots);

  /** Rows in a dataset's table, if it is materialised. */
  Optional<Long> rowCount(DatasetDefinition dataset);

  /**
   * A metric's value over one slice of the attainment dataset: a period and org node in the
   * authority view, every other dimension "*".
   */
  Optional<Double> metricValue(
      MetricDefinition metric, DatasetDefinition attainment, String period, String org);

  /** When the datasets were last refreshed, if ever. */
  Optional<Instant> lastRefresh();

  /** Whether the datasets hold the data stored now (no ingest since the last refresh). */
  boolean fresh();
}
