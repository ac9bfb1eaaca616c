package dk.goalattainment.connector.bench;

import dk.goalattainment.connector.core.model.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The direktion dashboard's charts as SQL, twice: over the standard datasets (what Superset runs
 * against {@code attainment} and {@code followup_compliance}) and as raw SQL over the goal-level
 * facts ({@code goal}, {@code followup}, {@code org_closure}) computing the same figures.
 */
final class Dashboard {
  /** One chart: its name, the dataset query and the raw query. */
  record Chart(String name, String dataset, String raw) {}

  private Dashboard() {}

  static final String ROOT = "SOC";

  private static final String ALL_STAR =
      " AND target_group = '*' AND effect_goal = '*' AND life_theme = '*' AND goal_type = '*'";

  static List<Chart> charts(int year) {
    List<Period> quarters = new ArrayList<>();
    List<Period> rolling = new ArrayList<>();
    for (int y = year - 2; y <= year; y++) {
      for (int q = 1; q <= 4; q++) {
        quarters.add(Period.quarter(y, q));
        rolling.add(Period.rolling(y, q, 4));
      }
    }
    Period yr = Period.year(year);
    Period last4 = Period.rolling(year, 4, 4);
    String yq = "period IN (" + codes(quarters) + ")";
    String yrr = "period IN (" + codes(rolling) + ")";
    String areas = "(SELECT unit_id FROM org_unit WHERE parent_id = '" + ROOT + "')";
    Frame f = new Frame(quarters, rolling, yr, last4, yq, yrr, areas);
    List<Chart> c = new ArrayList<>();
    c.addAll(overview(f));
    c.addAll(breakdowns(f));
    return c;
  }

  /** What every chart query is cut from: the periods of the three years shown, the areas. */
  private record Frame(
      List<Period> quarters,
      List<Period> rolling,
      Period yr,
      Period last4,
      String yq,
      String yrr,
      String areas) {}

  /** Charts 1–4: the KPI, the trend per effect goal, met/unmet per goal type, the areas. */
  private static List<Chart> overview(Frame f) {
    List<Period> quarters = f.quarters();
    Period yr = f.yr();
    Period last4 = f.last4();
    String yq = f.yq();
    String areas = f.areas();
    List<Chart> c = new ArrayList<>();
    c.add(
        new Chart(
            "1 KPI: N (unik cpr), Gns. målopfyldelse, shares, last four quarters",
            "SELECT citizens, goal_attainment_avg, goals_met_share, progress_share, distance_avg"
                + " FROM ds_attainment WHERE period = '"
                + last4.code()
                + "' AND via = 'authority' AND org_unit = '"
                + ROOT
                + "'"
                + ALL_STAR,
            raw(List.of(last4), "'*'", "c.ancestor_id = '" + ROOT + "'")));
    c.add(
        new Chart(
            "2 Trend: Gns. målopfyldelse per quarter per effect goal (12 quarters)",
            "SELECT period, effect_goal, goal_attainment_avg, citizens FROM ds_attainment WHERE "
                + yq
                + " AND via = 'authority' AND org_unit = '"
                + ROOT
                + "' AND target_group = '*' AND effect_goal <> '*' AND life_theme = '*'"
                + " AND goal_type = '*' ORDER BY period, effect_goal",
            raw(quarters, "g.effect_goal", "c.ancestor_id = '" + ROOT + "'")));
    c.add(
        new Chart(
            "3 Met/unmet goals per goal type, year",
            "SELECT goal_type, goals_met, goals_unmet FROM ds_attainment WHERE period = '"
                + yr.code()
                + "' AND via = 'authority' AND org_unit = '"
                + ROOT
                + "' AND target_group = '*' AND effect_goal = '*' AND life_theme = '*'"
                + " AND goal_type <> '*' ORDER BY goal_type",
            raw(List.of(yr), "g.goal_type", "c.ancestor_id = '" + ROOT + "'")));
    c.add(
        new Chart(
            "4 Per operating area (children of SOC), year",
            "SELECT org_unit, citizens, goal_attainment_avg, goals_met_share FROM ds_attainment"
                + " WHERE period = '"
                + yr.code()
                + "' AND via = 'authority' AND parent_org_unit = '"
                + ROOT
                + "'"
                + ALL_STAR
                + " ORDER BY org_unit",
            raw(List.of(yr), "c.ancestor_id", "c.ancestor_id IN " + areas)));
    return c;
  }

  /** Charts 5–8: target groups, life themes, the rolling trend, on-time follow-up. */
  private static List<Chart> breakdowns(Frame f) {
    List<Period> quarters = f.quarters();
    List<Period> rolling = f.rolling();
    Period yr = f.yr();
    String yq = f.yq();
    String yrr = f.yrr();
    String areas = f.areas();
    List<Chart> c = new ArrayList<>();
    c.add(
        new Chart(
            "5 Per target group, year",
            "SELECT target_group, citizens, goal_attainment_avg FROM ds_attainment WHERE period = '"
                + yr.code()
                + "' AND via = 'authority' AND org_unit = '"
                + ROOT
                + "' AND target_group <> '*' AND effect_goal = '*' AND life_theme = '*'"
                + " AND goal_type = '*' ORDER BY target_group",
            raw(List.of(yr), "g.target_group", "c.ancestor_id = '" + ROOT + "'")));
    c.add(
        new Chart(
            "6 Life themes table, year",
            "SELECT effect_goal, life_theme, citizens, goal_attainment_avg FROM ds_attainment"
                + " WHERE period = '"
                + yr.code()
                + "' AND via = 'authority' AND org_unit = '"
                + ROOT
                + "' AND target_group = '*' AND life_theme <> '*' AND goal_type = '*'"
                + " ORDER BY effect_goal, life_theme",
            raw(List.of(yr), "g.life_theme", "c.ancestor_id = '" + ROOT + "'")));
    c.add(
        new Chart(
            "7 Rolling four-quarter trend per operating area (12 windows)",
            "SELECT period, org_unit, goal_attainment_avg, citizens FROM ds_attainment WHERE "
                + yrr
                + " AND via = 'authority' AND parent_org_unit = '"
                + ROOT
                + "'"
                + ALL_STAR
                + " ORDER BY period, org_unit",
            raw(rolling, "c.ancestor_id", "c.ancestor_id IN " + areas)));
    c.add(
        new Chart(
            "8 On-time follow-up per quarter per operating area (12 quarters)",
            "SELECT period, org_unit, goals_due, followup_on_time_share FROM ds_followup_compliance"
                + " WHERE "
                + yq
                + " AND via = 'authority' AND parent_org_unit = '"
                + ROOT
                + "' AND target_group = '*' ORDER BY period, org_unit",
            rawCompliance(quarters, areas)));
    return c;
  }

  private static String codes(List<Period> periods) {
    return periods.stream().map(p -> "'" + p.code() + "'").collect(Collectors.joining(", "));
  }

  private static String values(List<Period> periods) {
    return periods.stream()
        .map(p -> "('%s', DATE '%s', DATE '%s')".formatted(p.code(), p.start(), p.end()))
        .collect(Collectors.joining(", "));
  }

  /** Latest follow-up per goal and period, per-citizen shares, mean over citizens. */
  private static String raw(List<Period> periods, String group, String orgFilter) {
    return """
        WITH p(period, p_start, p_end) AS (VALUES %s),
        cf AS (
          SELECT DISTINCT ON (p.period, f.goal_id) p.period, f.goal_id, f.score
          FROM followup f JOIN p ON f.followup_date BETWEEN p.p_start AND p.p_end
          ORDER BY p.period, f.goal_id, f.followup_date DESC, f.followup_id DESC),
        pc AS (
          SELECT cf.period, %s AS grp, g.citizen_key, COUNT(*) AS n,
                 SUM(CASE WHEN cf.score >= g.target_score THEN 1 ELSE 0 END) AS m,
                 SUM(CASE WHEN cf.score > g.baseline_score THEN 1 ELSE 0 END) AS pr,
                 SUM(cf.score - g.baseline_score) AS d
          FROM cf JOIN goal g ON g.goal_id = cf.goal_id
          JOIN org_closure c ON c.descendant_id = g.authority_unit_id
          WHERE %s
          GROUP BY 1, 2, 3)
        SELECT period, grp, COUNT(*) AS citizens, AVG(CAST(m AS DOUBLE PRECISION) / n)
                 AS goal_attainment_avg,
               SUM(n) AS goals_followed_up, SUM(m) AS goals_met, SUM(n) - SUM(m) AS goals_unmet,
               CAST(SUM(m) AS DOUBLE PRECISION) / SUM(n) AS goals_met_share,
               CAST(SUM(pr) AS DOUBLE PRECISION) / SUM(n) AS progress_share,
               CAST(SUM(d) AS DOUBLE PRECISION) / SUM(n) AS distance_avg
        FROM pc GROUP BY 1, 2 ORDER BY 1, 2"""
        .formatted(values(periods), group, orgFilter);
  }

  private static String rawCompliance(List<Period> periods, String areas) {
    return """
        WITH p(period, p_start, p_end) AS (VALUES %s),
        ff AS (SELECT goal_id, MIN(followup_date) AS first_date FROM followup GROUP BY goal_id)
        SELECT p.period, c.ancestor_id AS org_unit, COUNT(*) AS goals_due,
               CAST(SUM(CASE WHEN ff.first_date <= g.due_date THEN 1 ELSE 0 END)
                    AS DOUBLE PRECISION) / COUNT(*) AS followup_on_time_share
        FROM goal g JOIN p ON g.due_date BETWEEN p.p_start AND p.p_end
        JOIN org_closure c ON c.descendant_id = g.authority_unit_id
        LEFT JOIN ff ON ff.goal_id = g.goal_id
        WHERE c.ancestor_id IN %s
        GROUP BY 1, 2 ORDER BY 1, 2"""
        .formatted(values(periods), areas);
  }
}
