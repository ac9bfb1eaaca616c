package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.access.FigureAccess;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.opendata.PublicFigures;
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

/**
 * The metric definitions, with the state of their success criteria. The evaluation uses full
 * figures for a caller with the read scope for the criterion's org node, and the published,
 * disclosure-controlled figures otherwise (a withheld or unpublished figure is left out).
 */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "metrics", description = "Metric definitions")
public class MetricsResource {
  private final ConnectorRuntime runtime;
  private final DatasetQueries queries;
  private final PublicFigures publicFigures;

  public MetricsResource(ConnectorRuntime runtime, PublicFigures publicFigures) {
    this.runtime = runtime;
    this.queries = new DatasetQueries(runtime.store());
    this.publicFigures = publicFigures;
  }

  /** A metric's value in a period at an org node, from one source of figures. */
  private interface Values {
    Optional<Double> value(String period, String org);
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
              + " criterion's org node, and whether the target is met. Without a token with the"
              + " read scope for that node the evaluation uses the published open-data figures"
              + " only (`figures: public`).")
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
    boolean full = runtime.access().figures(Callers.current(), sc.org()) == FigureAccess.FULL;
    Values values =
        full
            ? (period, org) -> queries.metricValue(metric, attainment.get(), period, org)
            : publicValues(metric);
    e.put("figures", full ? "full" : "public");
    int lastYear =
        sc.deadline() == null
            ? LocalDate.now().getYear()
            : Math.min(LocalDate.parse(sc.deadline()).getYear(), LocalDate.now().getYear());
    e.put("org", sc.org());
    e.put("target", sc.target());
    e.put("deadline", sc.deadline());
    if (sc.baselinePeriod() != null) {
      e.put("baseline_period", sc.baselinePeriod());
      e.put("baseline_value", values.value(sc.baselinePeriod(), sc.org()).orElse(null));
    }
    for (int year = lastYear; year >= lastYear - 10; year--) {
      Optional<Double> value = values.value(Integer.toString(year), sc.org());
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
    e.put(
        "status",
        full
            ? "no figures yet: ingest data and refresh"
            : "no published figure: the value is withheld or not part of the open data; a token"
                + " with the read scope sees it");
    return e;
  }

  /** Published figures only; none while the public table is not there. */
  private Values publicValues(MetricDefinition metric) {
    return (period, org) -> {
      try {
        return publicFigures.value(metric.id(), period, org);
      } catch (ConnectorException notYet) {
        if (notYet.code() != ErrorCode.NOT_FOUND) {
          throw notYet;
        }
        return Optional.empty();
      }
    };
  }
}
