package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.store.DatasetQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The metric definitions, with the state of their success criteria. */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "metrics", description = "Metric definitions")
public class MetricsResource {
  private final ConnectorRuntime runtime;
  private final DatasetQueries queries;

  public MetricsResource(ConnectorRuntime runtime) {
    this.runtime = runtime;
    this.queries = new DatasetQueries(runtime.store());
  }

  @GET
  @Operation(summary = "Every metric definition")
  public Map<String, Object> list() {
    return Map.of("metrics", runtime.definitions().metrics());
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary = "One metric definition",
      description =
          "With a success criterion, also its evaluation on the refreshed attainment dataset: the"
              + " value in the baseline period and in the latest year up to the deadline, at the"
              + " criterion's org node, and whether the target is met.")
  public Map<String, Object> get(@PathParam("id") String id) {
    MetricDefinition metric =
        runtime
            .definitions()
            .metric(id)
            .orElseThrow(
                () ->
                    new ConnectorException(
                        ErrorCode.NOT_FOUND,
                        "No metric has this id; GET /api/v1/metrics lists them."));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("definition", metric);
    if (metric.successCriterion() != null) {
      body.put("evaluation", evaluate(metric));
    }
    return body;
  }

  private Map<String, Object> evaluate(MetricDefinition metric) {
    MetricDefinition.SuccessCriterion sc = metric.successCriterion();
    Map<String, Object> e = new LinkedHashMap<>();
    Optional<DatasetDefinition> attainment =
        runtime.definitions().datasets().stream()
            .filter(d -> "attainment".equals(d.builder()))
            .findFirst();
    if (attainment.isEmpty()) {
      e.put("status", "no attainment dataset");
      return e;
    }
    int lastYear =
        sc.deadline() == null
            ? LocalDate.now().getYear()
            : Math.min(LocalDate.parse(sc.deadline()).getYear(), LocalDate.now().getYear());
    e.put("org", sc.org());
    e.put("target", sc.target());
    e.put("deadline", sc.deadline());
    if (sc.baselinePeriod() != null) {
      e.put("baseline_period", sc.baselinePeriod());
      e.put(
          "baseline_value",
          queries
              .metricValue(metric, attainment.get(), sc.baselinePeriod(), sc.org())
              .orElse(null));
    }
    for (int year = lastYear; year >= lastYear - 10; year--) {
      Optional<Double> value =
          queries.metricValue(metric, attainment.get(), Integer.toString(year), sc.org());
      if (value.isPresent()) {
        e.put("period", Integer.toString(year));
        e.put("value", value.get());
        boolean met =
            "lower_is_better".equals(metric.direction())
                ? value.get() <= sc.target()
                : value.get() >= sc.target();
        e.put("target_met", met);
        return e;
      }
    }
    e.put("status", "no figures yet: ingest data and refresh");
    return e;
  }
}
