package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.engine.ReportService;
import dk.goalattainment.connector.core.model.GoalType;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The full sheet's figures: the engine's reports ({@link ReportService}), one report per period,
 * org node, view and grouping, each asked once per sheet. A slice's figures are the report row of
 * its own group — an effect goal's row of the {@code effect_goal} grouping, a theme's row of the
 * {@code life_theme} grouping, the total's {@code *} row — never added up from other rows.
 */
public final class EngineFigures implements SheetFigures {
  private final ReportService reports;
  private final Map<ReportRequest, Report> asked = new HashMap<>();

  public EngineFigures(ReportService reports) {
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  private Report report(Period period, Via via, String org, Grouping grouping) {
    return asked.computeIfAbsent(
        new ReportRequest(period, org, via, grouping, Filters.NONE), reports::report);
  }

  /** The report row of a slice: the row of its own group. */
  Optional<ReportRow> row(Slice s) {
    if (s.lifeTheme() != null) {
      return report(s.period(), s.via(), s.org(), Grouping.LIFE_THEME).row(s.lifeTheme());
    }
    if (s.effectGoal() != null) {
      return report(s.period(), s.via(), s.org(), Grouping.EFFECT_GOAL).row(s.effectGoal());
    }
    return report(s.period(), s.via(), s.org(), Grouping.NONE).row("*");
  }

  @Override
  public Optional<Cell> cell(Slice slice) {
    return row(slice).map(EngineFigures::cellOf);
  }

  static Cell cellOf(ReportRow r) {
    return Cell.of(
        r.count(ReportColumn.CITIZENS),
        r.number(ReportColumn.GOAL_ATTAINMENT_AVG),
        r.number(ReportColumn.GOAL_ATTAINMENT_CI_LOW),
        r.number(ReportColumn.GOAL_ATTAINMENT_CI_HIGH),
        Boolean.TRUE.equals(r.get(ReportColumn.LOW_N)));
  }

  @Override
  public List<Child> children(Period period, Via via, String org) {
    return report(period, via, org, Grouping.ORG_CHILD).rows().stream()
        .map(r -> new Child(r.group(), r.text(ReportColumn.GROUP_LABEL), cellOf(r)))
        .toList();
  }

  @Override
  public Optional<GoalTypeShares> goalTypes(Slice slice) {
    if (slice.effectGoal() != null || slice.lifeTheme() != null) {
      throw new IllegalArgumentException("goal types are shown for a whole org node");
    }
    return row(slice)
        .map(
            r -> {
              Map<GoalType, Double> met = new EnumMap<>(GoalType.class);
              Map<GoalType, Double> unmet = new EnumMap<>(GoalType.class);
              met.put(GoalType.PROGRESSION, r.number(ReportColumn.PROGRESSION_MET_SHARE));
              unmet.put(GoalType.PROGRESSION, r.number(ReportColumn.PROGRESSION_UNMET_SHARE));
              met.put(GoalType.MAINTENANCE, r.number(ReportColumn.MAINTENANCE_MET_SHARE));
              unmet.put(GoalType.MAINTENANCE, r.number(ReportColumn.MAINTENANCE_UNMET_SHARE));
              met.put(GoalType.LIMITED_DECLINE, r.number(ReportColumn.LIMITED_DECLINE_MET_SHARE));
              unmet.put(
                  GoalType.LIMITED_DECLINE, r.number(ReportColumn.LIMITED_DECLINE_UNMET_SHARE));
              return new GoalTypeShares(met, unmet, false);
            });
  }

  @Override
  public Change change(Slice current, Slice previous) {
    return Change.between(cell(current), cell(previous));
  }

  @Override
  public boolean covers(Period period, String org) {
    return true;
  }

  @Override
  public boolean isPublic() {
    return false;
  }
}
