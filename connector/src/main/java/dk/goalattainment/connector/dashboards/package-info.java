/**
 * Ready-made Superset dashboards per organisational level, written as code in {@code
 * dashboards/*.yaml} (shipped in the jar; a directory given on the command line overrides) and
 * compiled into Superset v1 import bundles.
 *
 * <h2>The spec format ({@link dk.goalattainment.connector.dashboards.DashboardSpec})</h2>
 *
 * <pre>{@code
 * slug: direktion                 # = file name; key of the dashboard's UUID
 * title: Direktion
 * level: management               # council | management | area | unit
 * description: ...
 * roles: [Direktion, Admin]       # set through the REST API after the import
 * filters:                        # native filters, all filter_select
 *   - id: period
 *     name: Kvartal
 *     dataset: attainment         # dataset id (dataset-definitions/datasets)
 *     column: period
 *     where: {period_kind: quarter, period_complete: true}   # restricts the values offered
 *     first: true                 # choose the first value on opening
 *     descending: true            # newest first
 *     required: true              # default true: a value must be chosen
 *     multi: false                # default false
 *     default: '*'                # value chosen on opening
 *   - id: org
 *     column: in_forvaltning      # org nodes by level: in_<level> = the node of that level
 *     where: {org_level: forvaltning, ...}
 *     cascade: [period]           # offer only nodes with rows in the chosen period
 * markdown:
 *   - {id: intro, width: 4, height: 50, text: "..."}
 * charts:
 *   - id: trend                   # key of the chart's UUID
 *     title: Gns. målopfyldelse pr. kvartal
 *     viz: echarts_timeseries_line  # big_number | echarts_timeseries_bar | _line | table |
 *                                   # pivot_table_v2 | pie
 *     dataset: attainment
 *     metrics: [goal_attainment_avg]  # saved metric ids (metrics.yaml)
 *     groupby: [effect_goal, effect_goal_label]   # a code, then its label
 *     columns: []                 # pivot_table_v2 column dimensions
 *     x_axis: period_plot_date    # time series and big_number trendline
 *     time_grain: P3M
 *     where: {period_kind: quarter, via: authority, org_level: forvaltning}
 *     ignore: [period]            # native filters that do not apply
 *     totals: false               # true: a grouped dimension shows its * member too
 *     partial: false              # true: incomplete periods too (the title must say so)
 *     stack: false                # bar charts: stack the series
 *     width: 6                    # of 12; height in grid rows
 * rows:                           # layout: ids left to right
 *   - [intro, trend]
 * }</pre>
 *
 * <h2>What keeps a chart right</h2>
 *
 * <ul>
 *   <li>Org nodes are selected by level code ({@code org_level}), never by depth or name; a node's
 *       filter value is {@code in_<level>}, one stable option per node ({@code Name · ID},
 *       "(afsluttet)" for a closed unit).
 *   <li>Every chart reads complete periods only ({@code period_complete = true}) unless it says
 *       otherwise in its title; period filters offer complete periods, newest first.
 *   <li>On a pre-aggregated dataset every row is one slice over its own citizens (ADR 0007): the
 *       compiler applies the cube's slice rule ({@code core/semantic/CubeSlice}) to every catalogue
 *       dimension a chart neither splits by nor fixes nor gets from a required native filter in
 *       scope, and the saved metrics yield a number only for a cell of exactly one row. A native
 *       filter applies to the charts on its dataset that do not split by its column.
 * </ul>
 *
 * <p>{@link dk.goalattainment.connector.dashboards.DashboardSpecs} loads; {@link
 * dk.goalattainment.connector.dashboards.SpecValidator} validates; {@link
 * dk.goalattainment.connector.dashboards.DashboardBundleBuilder} compiles with one {@link
 * dk.goalattainment.connector.dashboards.ChartCompiler} per chart kind, {@link
 * dk.goalattainment.connector.dashboards.DashboardLayout} and {@link
 * dk.goalattainment.connector.dashboards.NativeFilters}, through the sync's bundle writer; the sync
 * imports them as part of its plan ({@code superset.sync.DashboardAssets}).
 */
package dk.goalattainment.connector.dashboards;
