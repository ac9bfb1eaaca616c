package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.access.FigureAccess;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.engine.Datasets;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.opendata.PublicFigures;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
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
  private final Datasets queries;
  private final PublicFigures publicFigures;

  public MetricsResource(ConnectorRuntime runtime, PublicFigures publicFigures) {
    this.runtime = runtime;
    this.queries = runtime.datasets();
    this.publicFigures = publicFigures;
  }

  /** A metric's value in a period at an org node, from one source of figures. */
  private interface Values {
    Optional<Double> value(String period, String org);
  }

  @GET
  @Operation(operationId = "listMetrics", summary = "Every metric definition")
  @ApiProblems.Always
  public MetricViews.MetricList list() {
    return new MetricViews.MetricList(
        MetricViews.MetricDefinitionView.of(runtime.definitions().metrics()));
  }

  @GET
  @Path("/{id}")
  @Operation(
      operationId = "getMetric",
      summary = "One metric definition",
      description =
          "With a success criterion, also its evaluation on the refreshed attainment dataset: the"
              + " value in the baseline period and in the latest year up to the deadline, at the"
              + " criterion's org node, and whether the target is met. Without a token with the"
              + " read scope for that node the evaluation uses the published open-data figures"
              + " only (`figures: public`).")
  @ApiProblems.Always
  @ApiProblems.NotFound
  public MetricViews.MetricDetail get(@PathParam("id") String id) {
    MetricDefinition metric =
        runtime
            .definitions()
            .metric(id)
            .orElseThrow(
                () ->
                    new ConnectorException(
                        ErrorCode.NOT_FOUND,
                        "No metric has this id; GET /api/v1/metrics lists them."));
    return new MetricViews.MetricDetail(
        MetricViews.MetricDefinitionView.of(metric),
        metric.successCriterion() == null ? null : evaluate(metric));
  }

  private MetricViews.MetricEvaluation evaluate(MetricDefinition metric) {
    MetricDefinition.SuccessCriterion sc = metric.successCriterion();
    Optional<DatasetDefinition> attainment =
        runtime.definitions().datasets().stream()
            .filter(d -> "attainment".equals(d.builder()))
            .findFirst();
    if (attainment.isEmpty()) {
      return new Evaluation(null, sc).status("no attainment dataset");
    }
    boolean full = runtime.access().figures(Callers.current(), sc.org()) == FigureAccess.FULL;
    Values values =
        full
            ? (period, org) -> queries.metricValue(metric, attainment.get(), period, org)
            : publicValues(metric);
    Evaluation e = new Evaluation(full ? "full" : "public", sc);
    int lastYear =
        sc.deadline() == null
            ? LocalDate.now().getYear()
            : Math.min(LocalDate.parse(sc.deadline()).getYear(), LocalDate.now().getYear());
    if (sc.baselinePeriod() != null) {
      e.baselineValue = values.value(sc.baselinePeriod(), sc.org()).orElse(null);
    }
    for (int year = lastYear; year >= lastYear - 10; year--) {
      Optional<Double> value = values.value(Integer.toString(year), sc.org());
      if (value.isPresent()) {
        boolean met =
            "lower_is_better".equals(metric.direction())
                ? value.get() <= sc.target()
                : value.get() >= sc.target();
        return e.value(Integer.toString(year), value.get(), met);
      }
    }
    return e.status(
        full
            ? "no figures yet: ingest data and refresh"
            : "no published figure: the value is withheld or not part of the open data; a token"
                + " with the read scope sees it");
  }

  /** An evaluation being put together. */
  private static final class Evaluation {
    private final String figures;
    private final MetricDefinition.SuccessCriterion criterion;
    private Double baselineValue;

    Evaluation(String figures, MetricDefinition.SuccessCriterion criterion) {
      this.figures = figures;
      this.criterion = criterion;
    }

    MetricViews.MetricEvaluation value(String period, double value, boolean met) {
      return build(period, value, met, null);
    }

    MetricViews.MetricEvaluation status(String status) {
      return build(null, null, null, status);
    }

    private MetricViews.MetricEvaluation build(
        String period, Double value, Boolean met, String status) {
      return new MetricViews.MetricEvaluation(
          figures,
          criterion.org(),
          criterion.target(),
          criterion.deadline(),
          criterion.baselinePeriod(),
          baselineValue,
          period,
          value,
          met,
          status);
    }
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
