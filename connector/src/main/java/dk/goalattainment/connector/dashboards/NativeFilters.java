package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import dk.goalattainment.connector.dashboards.DashboardSpec.FilterSpec;
import dk.goalattainment.connector.superset.sync.BundleWriter;
import dk.goalattainment.connector.superset.sync.SupersetKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dashboard's native filters ({@code metadata.native_filter_configuration}), all {@code
 * filter_select}: their target column, the conditions restricting the values offered, cascade
 * parents, the default (a value, or the first value in the filter's sort order) and the charts in
 * scope ({@link ChartFilters#inScope}).
 */
final class NativeFilters {
  private final Definitions definitions;

  NativeFilters(Definitions definitions) {
    this.definitions = definitions;
  }

  static String filterId(DashboardSpec d, String id) {
    return "NATIVE_FILTER-" + d.slug() + "-" + BundleWriter.fileName(id);
  }

  List<Object> configuration(DashboardSpec d, Map<String, Integer> chartIds) {
    List<Object> out = new ArrayList<>();
    for (FilterSpec f : d.filters()) {
      out.add(filter(d, f, chartIds));
    }
    return out;
  }

  private Map<String, Object> filter(DashboardSpec d, FilterSpec f, Map<String, Integer> chartIds) {
    DatasetDefinition ds = definitions.dataset(f.dataset()).orElseThrow();
    Map<String, Object> control = new LinkedHashMap<>();
    control.put("enableEmptyFilter", f.isRequired());
    control.put("defaultToFirstItem", Boolean.TRUE.equals(f.first()));
    control.put("multiSelect", Boolean.TRUE.equals(f.multi()));
    control.put("searchAllOptions", false);
    control.put("inverseSelection", false);
    control.put("sortAscending", !Boolean.TRUE.equals(f.descending()));
    Map<String, Object> column = new LinkedHashMap<>();
    column.put("name", f.column());
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("column", column);
    target.put("datasetUuid", SupersetKeys.datasetUuid(ds.table()).toString());
    Map<String, Object> mask = new LinkedHashMap<>();
    if (f.defaultValue() != null) {
      Object value = ChartFilters.typed(ds, f.column(), f.defaultValue());
      Map<String, Object> filter = new LinkedHashMap<>();
      filter.put("col", f.column());
      filter.put("op", "IN");
      filter.put("val", List.of(value));
      mask.put("extraFormData", Map.of("filters", List.of(filter)));
      mask.put("filterState", Map.of("value", List.of(value)));
    } else {
      mask.put("extraFormData", Map.of());
      mask.put("filterState", Map.of());
    }
    mask.put("ownState", Map.of());
    List<Integer> excluded = new ArrayList<>();
    List<Integer> inScope = new ArrayList<>();
    for (ChartSpec c : d.charts()) {
      (ChartFilters.inScope(f, c) ? inScope : excluded).add(chartIds.get(c.id()));
    }
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("rootPath", List.of("ROOT_ID"));
    scope.put("excluded", excluded);
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("id", filterId(d, f.id()));
    y.put("name", f.name());
    y.put("filterType", "filter_select");
    y.put("type", "NATIVE_FILTER");
    y.put("targets", List.of(target));
    y.put("controlValues", control);
    y.put("defaultDataMask", mask);
    y.put("cascadeParentIds", f.cascade().stream().map(p -> filterId(d, p)).toList());
    y.put("scope", scope);
    y.put("chartsInScope", inScope);
    y.put("tabsInScope", List.of());
    y.put("description", f.description() == null ? "" : f.description());
    if (!f.where().isEmpty()) {
      List<Object> pre = new ArrayList<>();
      f.where().forEach((col, values) -> pre.add(ChartFilters.condition(ds, col, values)));
      y.put("adhoc_filters", pre);
      y.put("time_range", "No filter");
    }
    return y;
  }
}
