package dk.goalattainment.connector.core.ingest;

import java.util.function.Consumer;

/**
 * A stream of raw records, read once (a CSV or JSON file, a request body, the demo generator). A
 * source that cannot be read at all (a missing header column, broken JSON) throws a {@link
 * dk.goalattainment.connector.core.error.ConnectorException}.
 */
@FunctionalInterface
public interface RecordSource<T> {
  /** Hands every record, in order, to {@code sink}. */
  void forEach(Consumer<Row<T>> sink);

  /** A source with no records. */
  static <T> RecordSource<T> empty() {
    return sink -> {};
  }

  /** A source over records already in memory, numbered from 1. */
  static <T> RecordSource<T> of(java.util.List<T> records) {
    return sink -> {
      long n = 0;
      for (T record : records) {
        sink.accept(new Row<>(++n, record));
      }
    };
  }
}
