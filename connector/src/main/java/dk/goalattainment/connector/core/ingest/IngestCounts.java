package dk.goalattainment.connector.core.ingest;

import java.util.EnumMap;
import java.util.Map;

/** What an ingest stored, per record kind: records received, new, and replaced (same id). */
public record IngestCounts(Map<RecordKind, KindCounts> byKind) {
  public IngestCounts {
    byKind = Map.copyOf(byKind);
  }

  /** Counts of one record kind. */
  public record KindCounts(long received, long inserted, long replaced) {}

  public KindCounts of(RecordKind kind) {
    return byKind.getOrDefault(kind, new KindCounts(0, 0, 0));
  }

  public static IngestCounts of(Map<RecordKind, KindCounts> counts) {
    return new IngestCounts(new EnumMap<>(counts));
  }

  /** One line per kind, for people. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (RecordKind kind : RecordKind.values()) {
      KindCounts c = of(kind);
      sb.append(
          String.format(
              "%-10s %,d received, %,d new, %,d replaced%n",
              kind.label() + ":", c.received(), c.inserted(), c.replaced()));
    }
    return sb.toString();
  }
}
