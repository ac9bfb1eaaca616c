package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import dk.goalattainment.connector.superset.sync.BundleWriter;
import dk.goalattainment.connector.superset.sync.SupersetKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chart's YAML file: its kind's form data, its filters and its saved query context. */
final class ChartFiles {
  private final Definitions definitions;
  private final ChartFilters filters;

  ChartFiles(Definitions definitions) {
    this.definitions = definitions;
    this.filters = new ChartFilters(definitions);
  }

  /** The file's path in the bundle. */
  static String path(DashboardSpec d, ChartSpec c) {
    return "charts/" + d.slug() + "_" + BundleWriter.fileName(c.id()) + ".yaml";
  }

  Map<String, Object> chartYaml(DashboardSpec d, ChartSpec c) {
    ChartCompiler compiler = ChartCompiler.forViz(c.viz()).orElseThrow();
    List<Map<String, Object>> adhoc = filters.adhoc(d, c);
    Map<String, Object> params = compiler.params(new ChartCompiler.Context(c, adhoc, definitions));
    params.put("extra_form_data", Map.of());
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("slice_name", c.title());
    y.put("description", c.description());
    y.put("certified_by", null);
    y.put("certification_details", null);
    y.put("viz_type", c.viz());
    y.put("params", params);
    y.put("query_context", QueryContexts.of(c, compiler.timeSeries(), params, adhoc));
    y.put("cache_timeout", null);
    y.put("is_managed_externally", true);
    y.put("uuid", DashboardBundleBuilder.chartUuid(d, c).toString());
    y.put("version", BundleWriter.VERSION);
    y.put(
        "dataset_uuid",
        SupersetKeys.datasetUuid(definitions.dataset(c.dataset()).orElseThrow().table())
            .toString());
    return y;
  }
}
