package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.dashboards.DashboardSpec.ChartSpec;
import dk.goalattainment.connector.dashboards.DashboardSpec.MarkdownSpec;
import dk.goalattainment.connector.superset.sync.BundleWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A dashboard's {@code position}: header, grid, one row per spec row, charts and Markdown. */
final class DashboardLayout {
  private DashboardLayout() {}

  static int width(Integer w) {
    return w == null ? 4 : w;
  }

  static int height(Integer h) {
    return h == null ? 50 : h;
  }

  static Map<String, Object> position(DashboardSpec d, Map<String, Integer> chartIds) {
    Map<String, Object> position = new TreeMap<>();
    position.put("DASHBOARD_VERSION_KEY", "v2");
    position.put("ROOT_ID", node("ROOT_ID", "ROOT", List.of("GRID_ID"), List.of(), null));
    position.put("HEADER_ID", node("HEADER_ID", "HEADER", null, null, Map.of("text", d.title())));
    List<String> rowIds = new ArrayList<>();
    int r = 0;
    for (List<String> row : d.rows()) {
      String rowId = "ROW-" + (++r);
      rowIds.add(rowId);
      List<String> children = new ArrayList<>();
      List<String> parents = List.of("ROOT_ID", "GRID_ID", rowId);
      for (String id : row) {
        Optional<ChartSpec> chart = d.charts().stream().filter(c -> id.equals(c.id())).findAny();
        String key;
        if (chart.isPresent()) {
          ChartSpec c = chart.get();
          key = "CHART-" + BundleWriter.fileName(c.id());
          Map<String, Object> meta = new LinkedHashMap<>();
          meta.put("chartId", chartIds.get(c.id()));
          meta.put("height", height(c.height()));
          meta.put("sliceName", c.title());
          meta.put("uuid", DashboardBundleBuilder.chartUuid(d, c).toString());
          meta.put("width", width(c.width()));
          position.put(key, node(key, "CHART", List.of(), parents, meta));
        } else {
          MarkdownSpec m =
              d.markdown().stream().filter(x -> id.equals(x.id())).findAny().orElseThrow();
          key = "MARKDOWN-" + BundleWriter.fileName(m.id());
          Map<String, Object> meta = new LinkedHashMap<>();
          meta.put("code", m.text());
          meta.put("height", height(m.height()));
          meta.put("width", width(m.width()));
          position.put(key, node(key, "MARKDOWN", List.of(), parents, meta));
        }
        children.add(key);
      }
      position.put(
          rowId,
          node(
              rowId,
              "ROW",
              children,
              List.of("ROOT_ID", "GRID_ID"),
              Map.of("background", "BACKGROUND_TRANSPARENT")));
    }
    position.put("GRID_ID", node("GRID_ID", "GRID", rowIds, List.of("ROOT_ID"), null));
    return position;
  }

  private static Map<String, Object> node(
      String id, String type, List<String> children, List<String> parents, Map<String, ?> meta) {
    Map<String, Object> n = new LinkedHashMap<>();
    if (children != null) {
      n.put("children", children);
    }
    n.put("id", id);
    if (meta != null) {
      n.put("meta", meta);
    }
    if (parents != null) {
      n.put("parents", parents);
    }
    n.put("type", type);
    return n;
  }
}
