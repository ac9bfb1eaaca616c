package dk.goalattainment.connector.core.definitions;

import java.util.List;
import java.util.Optional;

/** All dataset and metric definitions, as read from {@code dataset-definitions/}. */
public record Definitions(List<DatasetDefinition> datasets, List<MetricDefinition> metrics) {
  public Definitions {
    datasets = List.copyOf(datasets);
    metrics = List.copyOf(metrics);
  }

  public Optional<DatasetDefinition> dataset(String id) {
    return datasets.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  public Optional<MetricDefinition> metric(String id) {
    return metrics.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The metrics a dataset lists, in its order. */
  public List<MetricDefinition> metricsOf(DatasetDefinition dataset) {
    return dataset.metrics().stream().map(this::metric).flatMap(Optional::stream).toList();
  }
}
