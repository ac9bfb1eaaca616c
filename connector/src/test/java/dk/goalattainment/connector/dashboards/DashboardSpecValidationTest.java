package dk.goalattainment.connector.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DashboardSpecValidationTest {
  private static final Instant T = Instant.parse("2026-11-22T00:00:00Z");

  @Test
  void theFourDashboardsValidate() {
    List<DashboardSpec> specs = DashboardTestSupport.specs();
    assertThat(specs)
        .extracting(DashboardSpec::slug)
        .containsExactly("byraad", "direktion", "driftsomraade", "enhed_team");
    assertThat(DashboardTestSupport.builder().validate(specs)).isEmpty();
    assertThat(specs).allSatisfy(d -> assertThat(d.roles()).isNotEmpty());
  }

  private static DashboardSpec direktion() {
    return DashboardTestSupport.specs().stream()
        .filter(d -> d.slug().equals("direktion"))
        .findFirst()
        .orElseThrow();
  }

  private static DashboardSpec withChart(DashboardSpec d, String id, UnaryOperator<ChartSpec> f) {
    List<ChartSpec> charts = new ArrayList<>();
    for (ChartSpec c : d.charts()) {
      charts.add(c.id().equals(id) ? f.apply(c) : c);
    }
    return new DashboardSpec(
        d.slug(),
        d.title(),
        d.level(),
        d.description(),
        d.roles(),
        d.filters(),
        d.markdown(),
        charts,
        d.rows());
  }

  private static ChartSpec chart(
      ChartSpec c, String id, String dataset, List<String> metrics, List<String> groupby) {
    return new ChartSpec(
        id,
        c.title(),
        c.viz(),
        dataset,
        metrics,
        groupby,
        c.columns(),
        c.xAxis(),
        c.timeGrain(),
        c.where(),
        c.ignore(),
        c.totals(),
        c.partial(),
        c.stack(),
        c.description(),
        c.width(),
        c.height());
  }

  private static List<String> problems(DashboardSpec d) {
    return DashboardTestSupport.builder().validate(List.of(d));
  }

  @Test
  void aMissingMetricIsRejected() {
    DashboardSpec d =
        withChart(
            direktion(),
            "areas",
            c -> chart(c, c.id(), c.dataset(), List.of("no_such"), c.groupby()));
    assertThat(problems(d))
        .containsExactly(
            "dashboard direktion, chart areas: metric 'no_such' is not defined in metrics.yaml");
  }

  @Test
  void aMetricOfAnotherDatasetIsRejected() {
    DashboardSpec d =
        withChart(
            direktion(),
            "areas",
            c ->
                chart(c, c.id(), "followup_compliance", List.of("goal_attainment_avg"), List.of()));
    assertThat(problems(d))
        .contains(
            "dashboard direktion, chart areas: metric 'goal_attainment_avg' is not defined over"
                + " dataset 'followup_compliance'");
  }

  @Test
  void aMissingColumnIsRejected() {
    DashboardSpec d =
        withChart(
            direktion(), "areas", c -> chart(c, c.id(), c.dataset(), c.metrics(), List.of("nope")));
    assertThat(problems(d))
        .containsExactly(
            "dashboard direktion, chart areas: column 'nope' is not in dataset 'attainment'");
  }

  @Test
  void aMissingDatasetIsRejected() {
    DashboardSpec d =
        withChart(direktion(), "areas", c -> chart(c, c.id(), "nowhere", c.metrics(), c.groupby()));
    assertThat(problems(d))
        .containsExactly("dashboard direktion, chart areas: dataset 'nowhere' is not defined");
  }

  @Test
  void aPlacedIdWithoutItsChartIsRejected() {
    DashboardSpec d = direktion();
    List<List<String>> rows = new ArrayList<>(d.rows());
    rows.add(List.of("ghost"));
    DashboardSpec bad =
        new DashboardSpec(
            d.slug(),
            d.title(),
            d.level(),
            d.description(),
            d.roles(),
            d.filters(),
            d.markdown(),
            d.charts(),
            rows);
    assertThat(problems(bad))
        .containsExactly(
            "dashboard direktion: row 4 places CHART-ghost, but there is no chart or markdown"
                + " with id 'ghost'");
  }

  @Test
  void aChartNotPlacedIsRejected() {
    DashboardSpec d = direktion();
    List<List<String>> rows = d.rows().subList(0, 2);
    DashboardSpec bad =
        new DashboardSpec(
            d.slug(),
            d.title(),
            d.level(),
            d.description(),
            d.roles(),
            d.filters(),
            d.markdown(),
            d.charts(),
            rows);
    assertThat(problems(bad))
        .containsExactly("dashboard direktion, chart goal_types: is not placed in any row");
  }

  @Test
  void aDuplicateUuidIsRejected() {
    DashboardSpec d =
        withChart(
            direktion(), "areas", c -> chart(c, "trend", c.dataset(), c.metrics(), c.groupby()));
    assertThat(problems(d))
        .anySatisfy(
            p -> assertThat(p).contains("chart trend: id missing or used twice (duplicate UUID"));
    // the same dashboard twice: same slug, same UUIDs
    assertThat(DashboardTestSupport.builder().validate(List.of(direktion(), direktion())))
        .anySatisfy(p -> assertThat(p).contains("slug used twice"))
        .anySatisfy(p -> assertThat(p).contains("duplicate UUID"));
  }

  private static ChartSpec where(
      ChartSpec c, java.util.Map<String, List<String>> where, Boolean partial) {
    return new ChartSpec(
        c.id(),
        c.title(),
        c.viz(),
        c.dataset(),
        c.metrics(),
        c.groupby(),
        c.columns(),
        c.xAxis(),
        c.timeGrain(),
        where,
        c.ignore(),
        c.totals(),
        partial,
        c.stack(),
        c.description(),
        c.width(),
        c.height());
  }

  @Test
  void orgNodesAreSelectedByLevelCodeNeverByDepthOrName() {
    DashboardSpec byDepth =
        withChart(
            direktion(),
            "areas",
            c ->
                where(
                    c,
                    java.util.Map.of(
                        "via", List.of("authority"),
                        "org_depth", List.of("2"),
                        "org_level", List.of("driftsomraade"),
                        "period_kind", List.of("quarter")),
                    null));
    assertThat(problems(byDepth))
        .containsExactly(
            "dashboard direktion, chart areas: selects org nodes by depth (org_depth); select them"
                + " by level code (org_level) and the in_<level> columns");

    DashboardSpec unknownLevel =
        withChart(
            direktion(),
            "areas",
            c ->
                where(
                    c,
                    java.util.Map.of(
                        "via", List.of("authority"),
                        "org_level", List.of("Driftsområde"),
                        "period_kind", List.of("quarter")),
                    null));
    assertThat(problems(unknownLevel))
        .containsExactly(
            "dashboard direktion, chart areas: org_level 'Driftsområde' is not a level code"
                + " (kommune, forvaltning, driftsomraade, enhed, team)");

    DashboardSpec noLevel =
        withChart(
            direktion(),
            "areas",
            c ->
                where(
                    c,
                    java.util.Map.of(
                        "via", List.of("authority"), "period_kind", List.of("quarter")),
                    null));
    assertThat(problems(noLevel))
        .containsExactly(
            "dashboard direktion, chart areas: must fix org_level (where) or group by it: every"
                + " row of the dataset is one slice");
  }

  @Test
  void aLabelIsGroupedWithItsCode() {
    DashboardSpec d =
        withChart(
            direktion(),
            "trend",
            c -> chart(c, c.id(), c.dataset(), c.metrics(), List.of("effect_goal_label")));
    assertThat(problems(d))
        .containsExactly(
            "dashboard direktion, chart trend: groups by the label effect_goal_label without its"
                + " code effect_goal (group by both)");
  }

  @Test
  void aChartShowingIncompletePeriodsSaysSoInItsTitle() {
    DashboardSpec d = withChart(direktion(), "areas", c -> where(c, c.where(), true));
    assertThat(problems(d))
        .containsExactly(
            "dashboard direktion, chart areas: shows incomplete periods (partial: true), so its"
                + " title must say so ('igangværende periode')");
  }

  @Test
  void buildRefusesInvalidSpecsWithEveryProblem() {
    DashboardSpec d =
        withChart(
            direktion(), "areas", c -> chart(c, c.id(), c.dataset(), List.of("x"), List.of("y")));
    assertThatThrownBy(() -> DashboardTestSupport.builder().build(List.of(d), T))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("metric 'x' is not defined")
        .hasMessageContaining("column 'y' is not in dataset 'attainment'");
  }
}
