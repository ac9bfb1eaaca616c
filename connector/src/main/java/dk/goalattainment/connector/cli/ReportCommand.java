package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.formats.ReportFormats;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector report}: the figures of one slice, as a table (fact sheet), CSV or JSON. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the contract's figures for a slice: period, org node (with its whole subtree),"
          + " optional filters, one row per group.",
      "The CSV and JSON columns start with: group,citizens,goal_attainment_avg,"
          + "goals_followed_up,goals_met,goals_met_share,progress_share,distance_avg,"
          + "goal_attainment_ci_low,goal_attainment_ci_high,low_n"
    })
public class ReportCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    table,
    csv,
    json
  }

  @Mixin DbOption db;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "P",
      description = "Quarter 2019-Q4, year 2019 or rolling four quarters 2019-Q4R4.")
  String period;

  @Option(names = "--org", required = true, paramLabel = "UNIT", description = "Org unit id.")
  String org;

  @Option(
      names = "--via",
      defaultValue = "authority",
      paramLabel = "authority|provider",
      description = "Place goals by their authority or provider unit (default: ${DEFAULT-VALUE}).")
  String via;

  @Option(
      names = "--by",
      defaultValue = "none",
      paramLabel = "G",
      description =
          "Grouping: none, effect_goal, life_theme, goal_type, target_group, age_band, org_child"
              + " (default: ${DEFAULT-VALUE}). Ignored by --format table.")
  String by;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|csv|json",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--live",
      description =
          "Compute from the goals and follow-ups even when the refreshed attainment dataset holds"
              + " the figures (the two give the same figures).")
  boolean live;

  @Option(names = "--effect-goal", paramLabel = "CODE", description = "Filter: effect goal.")
  String effectGoal;

  @Option(names = "--life-theme", paramLabel = "CODE", description = "Filter: life theme.")
  String lifeTheme;

  @Option(names = "--target-group", paramLabel = "CODE", description = "Filter: target group.")
  String targetGroup;

  @Option(names = "--goal-type", paramLabel = "CODE", description = "Filter: goal type.")
  String goalType;

  @Option(names = "--age-band", paramLabel = "BAND", description = "Filter: age band, e.g. 18-29.")
  String ageBand;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  private Report report(ConnectorRuntime runtime, ReportRequest request) {
    return live ? runtime.reports().reportLive(request) : runtime.reports().report(request);
  }

  @Override
  public Integer call() {
    try (ConnectorRuntime runtime = stores.get().open(db.path())) {
      Filters filters = new Filters(effectGoal, lifeTheme, targetGroup, goalType, ageBand);
      ReportRequest request = runtime.reports().request(period, org, via, by, filters);
      PrintWriter out = spec.commandLine().getOut();
      switch (format) {
        case table ->
            out.print(
                FactSheet.render(
                    runtime.reports(), request.orgUnitId(), request.via(), request.period()));
        case csv -> ReportFormats.csv(report(runtime, request), out);
        case json -> {
          Report report = report(runtime, request);
          ReportFormats.json(report, out);
          out.println();
        }
      }
      out.flush();
      return 0;
    }
  }
}
