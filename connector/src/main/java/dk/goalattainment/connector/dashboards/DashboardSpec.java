package dk.goalattainment.connector.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One dashboard as written in {@code dashboards/<slug>.yaml}: the connector's own small format,
 * which {@link DashboardBundleBuilder} compiles into Superset's import format. See {@code
 * package-info.java} for the format.
 *
 * @param slug stable id; the file name, the dashboard's Superset slug and the key of its UUID
 * @param title the dashboard title (Danish)
 * @param level the organisational level it is made for ({@code council}, {@code management}, {@code
 *     area}, {@code unit})
 * @param description what the dashboard is for (Danish)
 * @param roles the Superset roles that may open it (set through the REST API after the import:
 *     Superset's dashboard import schema has no roles field)
 * @param filters the native filters, in order
 * @param markdown the explanatory text blocks
 * @param charts the charts
 * @param rows the layout: each row lists chart and markdown ids, left to right
 */
public record DashboardSpec(
    String slug,
    String title,
    String level,
    String description,
    List<String> roles,
    List<FilterSpec> filters,
    List<MarkdownSpec> markdown,
    List<ChartSpec> charts,
    List<List<String>> rows) {
  public DashboardSpec {
    roles = roles == null ? List.of() : List.copyOf(roles);
    filters = filters == null ? List.of() : List.copyOf(filters);
    markdown = markdown == null ? List.of() : List.copyOf(markdown);
    charts = charts == null ? List.of() : List.copyOf(charts);
    rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
  }

  /** Equality conditions, column → accepted values (one value, or several for {@code IN}). */
  static Map<String, List<String>> conditions(Map<String, List<String>> where) {
    if (where == null) {
      return Map.of();
    }
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    where.forEach((k, v) -> sorted.put(k, v == null ? List.of() : List.copyOf(v)));
    return Collections.unmodifiableSortedMap(sorted);
  }

  /**
   * A native filter of type {@code filter_select}.
   *
   * @param id stable id within the dashboard
   * @param name the label shown (Danish)
   * @param dataset the dataset id whose column it filters
   * @param column the column
   * @param cascade ids of earlier filters whose values restrict the values this one offers ({@code
   *     cascadeParentIds}): a unit filter cascading from the period filter offers only the units
   *     with rows in the chosen period
   * @param multi whether several values may be chosen (default false)
   * @param required whether a value must be chosen (default true: cube dimensions must be fixed)
   * @param defaultValue the value chosen when the dashboard opens, or null
   * @param first whether the first value is chosen when the dashboard opens
   * @param descending whether the values are sorted descending (the newest period first)
   * @param where equality conditions on the dataset that restrict the values offered
   * @param description help text (Danish)
   */
  public record FilterSpec(
      String id,
      String name,
      String dataset,
      String column,
      List<String> cascade,
      Boolean multi,
      Boolean required,
      @JsonProperty("default") String defaultValue,
      Boolean first,
      Boolean descending,
      Map<String, List<String>> where,
      String description) {
    public FilterSpec {
      cascade = cascade == null ? List.of() : List.copyOf(cascade);
      where = conditions(where);
    }

    /** Whether a value must be chosen. */
    public boolean isRequired() {
      return !Boolean.FALSE.equals(required);
    }
  }

  /**
   * A Markdown block.
   *
   * @param id stable id within the dashboard
   * @param text the Markdown (Danish)
   * @param width grid columns out of 12 (default 4)
   * @param height grid rows (default 50)
   */
  public record MarkdownSpec(String id, String text, Integer width, Integer height) {}

  /**
   * A chart.
   *
   * @param id stable id within the dashboard; the key of its UUID
   * @param title the chart's name in Superset (Danish)
   * @param viz Superset's {@code viz_type}: {@code big_number}, {@code echarts_timeseries_bar},
   *     {@code echarts_timeseries_line}, {@code table}, {@code pivot_table_v2} or {@code pie}
   * @param dataset the dataset id
   * @param metrics saved metric ids (metrics.yaml); one for {@code big_number} and {@code pie}
   * @param groupby dimension columns (rows of a table or pivot table, series of a time series):
   *     codes, each followed by its label column where it has one
   * @param columns the pivot table's column dimensions
   * @param xAxis the temporal column of a time series or trendline
   * @param timeGrain Superset's time grain, e.g. {@code P3M} or {@code P1Y}
   * @param where equality conditions ({@code column: value} or {@code column: [values]}); the
   *     catalogue dimensions of a pre-aggregated dataset that the chart neither groups by nor fixes
   *     are fixed to {@code *} by the compiler
   * @param ignore ids of native filters that do not apply to this chart
   * @param totals whether a grouped catalogue dimension also shows its {@code *} member (the total
   *     beside its parts), default false
   * @param partial whether the chart shows incomplete periods too (its title must say so), default
   *     false: only complete periods
   * @param stack whether a bar chart stacks its series
   * @param description what the chart answers (Danish)
   * @param width grid columns out of 12 (default 4)
   * @param height grid rows (default 50)
   */
  public record ChartSpec(
      String id,
      String title,
      String viz,
      String dataset,
      List<String> metrics,
      List<String> groupby,
      List<String> columns,
      @JsonProperty("x_axis") String xAxis,
      @JsonProperty("time_grain") String timeGrain,
      Map<String, List<String>> where,
      List<String> ignore,
      Boolean totals,
      Boolean partial,
      Boolean stack,
      String description,
      Integer width,
      Integer height) {
    public ChartSpec {
      metrics = metrics == null ? List.of() : List.copyOf(metrics);
      groupby = groupby == null ? List.of() : List.copyOf(groupby);
      columns = columns == null ? List.of() : List.copyOf(columns);
      where = conditions(where);
      ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }

    /** The dimensions a chart splits by: its groupby and, for a pivot table, its columns. */
    public List<String> dimensions() {
      return java.util.stream.Stream.concat(groupby.stream(), columns.stream()).toList();
    }
  }
}
