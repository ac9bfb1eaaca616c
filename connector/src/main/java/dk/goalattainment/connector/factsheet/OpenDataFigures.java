package dk.goalattainment.connector.factsheet;

import dk.goalattainment.connector.core.factsheet.Cell;
import dk.goalattainment.connector.core.factsheet.Change;
import dk.goalattainment.connector.core.factsheet.EngineFigures;
import dk.goalattainment.connector.core.factsheet.GoalTypeShares;
import dk.goalattainment.connector.core.factsheet.SheetFigures;
import dk.goalattainment.connector.core.factsheet.Slice;
import dk.goalattainment.connector.core.model.GoalType;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.core.semantic.CubeSlice;
import dk.goalattainment.connector.core.semantic.Figures;
import dk.goalattainment.connector.opendata.OpenDataExport;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public sheet's figures: only what the disclosure-controlled open-data table publishes ({@link
 * OpenDataExport#compute}, the same computation as {@code opendata export}). A withheld cell is
 * withheld here; a slice the table does not cover (an org level or a period kind it does not
 * publish) has no figure. Intervals are not published, so none is shown.
 *
 * <p>Two things come from elsewhere, neither a figure: the units' labels (names, "(afsluttet)")
 * from the engine, and the +/−/= verdicts, which the engine judges on its intervals — asked only
 * when both cells are published, and shown with the published figures.
 *
 * <p>The goal-type shares are the published counts of the goal-type cells over the published count
 * of the total (domain.md {@code goal_type_share}); they are shown only when all of those cells are
 * published, so they reveal nothing the table does not.
 */
final class OpenDataFigures implements SheetFigures {
  private static final String ALL = CubeSlice.ALL;

  private final Map<String, Map<String, Object>> rows = new HashMap<>();
  private final Map<String, List<Map<String, Object>>> children = new HashMap<>();
  private final Set<String> covered = new HashSet<>();
  private final EngineFigures engine;

  OpenDataFigures(OpenDataExport.Tables tables, EngineFigures engine) {
    this.engine = engine;
    CubeSlice total = CubeSlice.total();
    for (Map<String, Object> r : tables.rows()) {
      String period = (String) r.get("period");
      String org = (String) r.get("org_unit");
      rows.put(
          key(
              period,
              (String) r.get("via"),
              org,
              (String) r.get("effect_goal"),
              (String) r.get("life_theme"),
              (String) r.get("target_group"),
              (String) r.get("goal_type")),
          r);
      covered.add(period + "|" + org);
      if (r.get("parent_org_unit") != null && total.matches(r)) {
        children
            .computeIfAbsent(
                period + "|" + r.get("via") + "|" + r.get("parent_org_unit"),
                k -> new java.util.ArrayList<>())
            .add(r);
      }
    }
  }

  private static String key(
      String period,
      String via,
      String org,
      String effect,
      String theme,
      String group,
      String type) {
    return String.join("|", period, via, org, effect, theme, group, type);
  }

  private Optional<Map<String, Object>> row(Slice s, String goalType) {
    return Optional.ofNullable(
        rows.get(
            key(
                s.period().code(),
                s.via().code(),
                s.org(),
                s.effectGoal() == null ? ALL : s.effectGoal(),
                s.lifeTheme() == null ? ALL : s.lifeTheme(),
                ALL,
                goalType)));
  }

  private static Cell cellOf(Map<String, Object> r) {
    if (Boolean.TRUE.equals(r.get("suppressed"))) {
      return Cell.suppressed();
    }
    long citizens = ((Number) r.get("citizens")).longValue();
    Object avg = r.get("goal_attainment_avg");
    return Cell.of(
        citizens,
        avg == null ? null : ((Number) avg).doubleValue(),
        null,
        null,
        citizens < Figures.LOW_N_BELOW);
  }

  @Override
  public Optional<Cell> cell(Slice slice) {
    return row(slice, ALL).map(OpenDataFigures::cellOf);
  }

  @Override
  public List<Child> children(Period period, Via via, String org) {
    List<Map<String, Object>> published =
        children.getOrDefault(period.code() + "|" + via.code() + "|" + org, List.of());
    Map<String, String> labels = new HashMap<>();
    engine.children(period, via, org).forEach(c -> labels.put(c.unitId(), c.label()));
    return published.stream()
        .sorted(java.util.Comparator.comparing(r -> (String) r.get("org_unit")))
        .map(
            r -> {
              String id = (String) r.get("org_unit");
              return new Child(
                  id, labels.getOrDefault(id, (String) r.get("org_unit_name")), cellOf(r));
            })
        .toList();
  }

  @Override
  public Optional<GoalTypeShares> goalTypes(Slice slice) {
    Optional<Map<String, Object>> total = row(slice, ALL);
    if (total.isEmpty()) {
      return Optional.empty();
    }
    if (Boolean.TRUE.equals(total.get().get("suppressed"))) {
      return Optional.of(GoalTypeShares.suppressed());
    }
    double all = ((Number) total.get().get("goals_followed_up")).doubleValue();
    Map<GoalType, Double> met = new EnumMap<>(GoalType.class);
    Map<GoalType, Double> unmet = new EnumMap<>(GoalType.class);
    for (GoalType type : GoalType.values()) {
      Optional<Map<String, Object>> r = row(slice, type.code());
      if (r.isEmpty()) {
        // no goal of this type was followed up: the table lists only cells with goals
        met.put(type, 0.0);
        unmet.put(type, 0.0);
        continue;
      }
      if (Boolean.TRUE.equals(r.get().get("suppressed"))) {
        return Optional.of(GoalTypeShares.suppressed());
      }
      long followed = ((Number) r.get().get("goals_followed_up")).longValue();
      long metGoals = ((Number) r.get().get("goals_met")).longValue();
      met.put(type, metGoals / all);
      unmet.put(type, (followed - metGoals) / all);
    }
    return Optional.of(new GoalTypeShares(met, unmet, false));
  }

  @Override
  public Change change(Slice current, Slice previous) {
    Optional<Cell> c = cell(current);
    Optional<Cell> p = cell(previous);
    Change published = Change.between(c, p);
    if (published.verdict() == Change.Verdict.NO_COMPARISON) {
      return published;
    }
    return engine.change(current, previous).about(c.get(), p.get());
  }

  @Override
  public boolean covers(Period period, String org) {
    return covered.contains(period.code() + "|" + org);
  }

  @Override
  public boolean isPublic() {
    return true;
  }
}
