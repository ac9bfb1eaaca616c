package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.model.OrgLevel;
import dk.goalattainment.connector.core.semantic.SavedMetrics;
import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import dk.goalattainment.connector.dashboards.DashboardSpec.FilterSpec;
import dk.goalattainment.connector.dashboards.DashboardSpec.MarkdownSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks dashboard specs against the definitions, listing every problem: datasets, metrics and
 * columns exist; every placed id exists and every chart is placed once; UUIDs are unique; org nodes
 * are selected by level code, never by depth or name; a chart on a pre-aggregated dataset fixes the
 * org level and the view; a grouped label is grouped with its code; a chart that shows incomplete
 * periods says so in its title.
 */
final class SpecValidator {
  /** The word a chart showing incomplete periods has in its title. */
  static final String PARTIAL_WORD = "igangværende";

  /** Columns that select org nodes by depth or by name. */
  private static final Set<String> NOT_BY = Set.of("org_depth", "org_unit_name", "org_level_label");

  private final Definitions definitions;

  SpecValidator(Definitions definitions) {
    this.definitions = definitions;
  }

  List<String> validate(List<DashboardSpec> specs) {
    List<String> problems = new ArrayList<>();
    Set<String> slugs = new HashSet<>();
    Map<UUID, String> uuids = new HashMap<>();
    for (DashboardSpec d : specs) {
      String where = "dashboard " + d.slug();
      if (blank(d.slug()) || !d.slug().matches("[a-z0-9_]+")) {
        problems.add(where + ": slug must be lower-case letters, digits and _");
        continue;
      }
      if (!slugs.add(d.slug())) {
        problems.add(where + ": slug used twice");
      }
      if (blank(d.title())) {
        problems.add(where + ": title is required");
      }
      if (d.roles().isEmpty()) {
        problems.add(where + ": roles must name at least one role");
      }
      unique(problems, uuids, DashboardBundleBuilder.dashboardUuid(d.slug()), where);
      Map<String, FilterSpec> filters = filters(problems, where, d);
      Set<String> ids = new HashSet<>();
      for (MarkdownSpec m : d.markdown()) {
        if (blank(m.id()) || !ids.add(m.id())) {
          problems.add(where + ", markdown " + m.id() + ": id missing or used twice");
        }
        if (blank(m.text())) {
          problems.add(where + ", markdown " + m.id() + ": text is required");
        }
      }
      for (ChartSpec c : d.charts()) {
        String cw = where + ", chart " + c.id();
        UUID uuid = DashboardBundleBuilder.chartUuid(d, c);
        if (blank(c.id()) || !ids.add(c.id())) {
          problems.add(cw + ": id missing or used twice (duplicate UUID " + uuid + ")");
        } else {
          unique(problems, uuids, uuid, cw);
        }
        chart(problems, cw, c, filters);
      }
      layout(problems, where, d);
    }
    return problems;
  }

  private Map<String, FilterSpec> filters(List<String> problems, String where, DashboardSpec d) {
    Map<String, FilterSpec> filters = new LinkedHashMap<>();
    for (FilterSpec f : d.filters()) {
      String fw = where + ", filter " + f.id();
      if (blank(f.id()) || filters.containsKey(f.id())) {
        problems.add(fw + ": id missing or used twice");
      }
      if (blank(f.name())) {
        problems.add(fw + ": name is required");
      }
      Optional<DatasetDefinition> ds = dataset(problems, fw, f.dataset());
      if (ds.isPresent()) {
        column(problems, fw, ds.get(), f.column());
        conditions(problems, fw + " (where)", ds.get(), f.where());
      }
      if (NOT_BY.contains(f.column())) {
        problems.add(fw + ": " + byLevel(f.column()));
      }
      for (String parent : f.cascade()) {
        if (!filters.containsKey(parent)) {
          problems.add(fw + ": cascade names '" + parent + "', which is not an earlier filter");
        }
      }
      filters.put(f.id(), f);
    }
    return filters;
  }

  private static String byLevel(String column) {
    return "selects org nodes by "
        + (column.equals("org_depth") ? "depth" : "name")
        + " ("
        + column
        + "); select them by level code (org_level) and the in_<level> columns";
  }

  private void conditions(
      List<String> problems, String where, DatasetDefinition ds, Map<String, List<String>> cond) {
    cond.forEach(
        (col, values) -> {
          column(problems, where, ds, col);
          if (NOT_BY.contains(col)) {
            problems.add(where + ": " + byLevel(col));
          }
          if (values.isEmpty()) {
            problems.add(where + ": " + col + " has no value");
          }
          String type = ds.column(col).map(ColumnDefinition::type).orElse("VARCHAR");
          for (String v : values) {
            if (!fits(type, v)) {
              problems.add(where + ": " + col + " is " + type + ", and '" + v + "' is not one");
            }
          }
          if (col.equals("org_level")) {
            values.stream()
                .filter(v -> OrgLevel.fromCode(v).isEmpty())
                .forEach(
                    v ->
                        problems.add(
                            where
                                + ": org_level '"
                                + v
                                + "' is not a level code (kommune, forvaltning, driftsomraade,"
                                + " enhed, team)"));
          }
        });
  }

  private static boolean fits(String type, String value) {
    try {
      switch (type) {
        case "BOOLEAN" -> {
          return value.equals("true") || value.equals("false");
        }
        case "INTEGER", "BIGINT" -> Long.parseLong(value);
        case "DOUBLE" -> Double.parseDouble(value);
        default -> {}
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void chart(
      List<String> problems, String cw, ChartSpec c, Map<String, FilterSpec> filters) {
    if (blank(c.title())) {
      problems.add(cw + ": title is required");
    }
    ChartCompiler compiler = ChartCompiler.forViz(c.viz()).orElse(null);
    if (compiler == null) {
      problems.add(cw + ": viz '" + c.viz() + "' is not one of " + ChartCompiler.vizTypes());
      return;
    }
    compiler.shapeProblems(c).forEach(p -> problems.add(cw + ": " + p));
    c.ignore().stream()
        .filter(f -> !filters.containsKey(f))
        .forEach(f -> problems.add(cw + ": ignores unknown filter '" + f + "'"));
    if (Boolean.TRUE.equals(c.partial())
        && (c.title() == null || !c.title().toLowerCase(Locale.ROOT).contains(PARTIAL_WORD))) {
      problems.add(
          cw
              + ": shows incomplete periods (partial: true), so its title must say so ('"
              + PARTIAL_WORD
              + " periode')");
    }
    Optional<DatasetDefinition> found = dataset(problems, cw, c.dataset());
    if (found.isEmpty()) {
      return;
    }
    DatasetDefinition ds = found.get();
    for (String m : c.metrics()) {
      Optional<MetricDefinition> metric = definitions.metric(m);
      if (metric.isEmpty()) {
        problems.add(cw + ": metric '" + m + "' is not defined in metrics.yaml");
      } else if (!ds.metrics().contains(m) || !metric.get().expressions().containsKey(ds.id())) {
        problems.add(cw + ": metric '" + m + "' is not defined over dataset '" + ds.id() + "'");
      }
    }
    c.dimensions().forEach(col -> column(problems, cw, ds, col));
    conditions(problems, cw, ds, c.where());
    if (c.xAxis() != null) {
      column(problems, cw, ds, c.xAxis())
          .filter(col -> !col.isTemporal())
          .ifPresent(col -> problems.add(cw + ": x_axis '" + col.name() + "' is not temporal"));
    }
    codesWithLabels(problems, cw, ds, c);
    if (SavedMetrics.isPreAggregated(ds)) {
      for (String fixedDimension : List.of("org_level", "via")) {
        if (ds.column(fixedDimension).isPresent()
            && !c.where().containsKey(fixedDimension)
            && !c.dimensions().contains(fixedDimension)
            && filters.values().stream()
                .noneMatch(f -> f.column().equals(fixedDimension) && f.isRequired())) {
          problems.add(
              cw
                  + ": must fix "
                  + fixedDimension
                  + " (where) or group by it: every row of the dataset is one slice");
        }
      }
    }
  }

  /** A grouped label column ({@code x_label}, {@code org_unit_name}) comes with its code. */
  private static void codesWithLabels(
      List<String> problems, String cw, DatasetDefinition ds, ChartSpec c) {
    for (String dim : c.dimensions()) {
      String code =
          dim.equals("org_unit_name")
              ? "org_unit"
              : dim.endsWith("_label") ? dim.substring(0, dim.length() - 6) : null;
      Optional<ColumnDefinition> codeColumn = code == null ? Optional.empty() : ds.column(code);
      boolean coded = codeColumn.map(cd -> cd.catalogue() != null).orElse(false);
      if ((coded || "org_unit".equals(code)) && !c.dimensions().contains(code)) {
        problems.add(
            cw + ": groups by the label " + dim + " without its code " + code + " (group by both)");
      }
    }
  }

  private void layout(List<String> problems, String where, DashboardSpec d) {
    Map<String, Integer> placed = new HashMap<>();
    int r = 0;
    for (List<String> row : d.rows()) {
      r++;
      int width = 0;
      for (String id : row) {
        placed.merge(id, 1, Integer::sum);
        Optional<ChartSpec> chart = d.charts().stream().filter(c -> id.equals(c.id())).findAny();
        Optional<MarkdownSpec> md = d.markdown().stream().filter(m -> id.equals(m.id())).findAny();
        if (chart.isEmpty() && md.isEmpty()) {
          problems.add(
              where
                  + ": row "
                  + r
                  + " places CHART-"
                  + id
                  + ", but there is no chart or markdown with id '"
                  + id
                  + "'");
        }
        width +=
            chart
                .map(c -> DashboardLayout.width(c.width()))
                .orElse(md.map(m -> DashboardLayout.width(m.width())).orElse(0));
      }
      if (width > 12) {
        problems.add(where + ": row " + r + " is " + width + " columns wide (at most 12)");
      }
    }
    for (ChartSpec c : d.charts()) {
      int n = placed.getOrDefault(c.id(), 0);
      if (n != 1) {
        problems.add(
            where
                + ", chart "
                + c.id()
                + (n == 0 ? ": is not placed in any row" : ": is placed " + n + " times"));
      }
    }
    for (MarkdownSpec m : d.markdown()) {
      if (placed.getOrDefault(m.id(), 0) != 1) {
        problems.add(where + ", markdown " + m.id() + ": must be placed exactly once");
      }
    }
  }

  private Optional<DatasetDefinition> dataset(List<String> problems, String where, String id) {
    Optional<DatasetDefinition> ds = id == null ? Optional.empty() : definitions.dataset(id);
    if (ds.isEmpty()) {
      problems.add(where + ": dataset '" + id + "' is not defined");
    }
    return ds;
  }

  private static Optional<ColumnDefinition> column(
      List<String> problems, String where, DatasetDefinition ds, String name) {
    Optional<ColumnDefinition> c = name == null ? Optional.empty() : ds.column(name);
    if (c.isEmpty()) {
      problems.add(where + ": column '" + name + "' is not in dataset '" + ds.id() + "'");
    }
    return c;
  }

  private static void unique(List<String> problems, Map<UUID, String> seen, UUID u, String what) {
    String before = seen.putIfAbsent(u, what);
    if (before != null) {
      problems.add(what + ": duplicate UUID " + u + " (also " + before + ")");
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
