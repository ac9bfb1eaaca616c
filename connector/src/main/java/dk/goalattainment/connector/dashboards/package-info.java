/**
 * Ready-made Superset dashboards per organisational level, written as code in {@code
 * dashboards/*.yaml} and compiled into Superset v1 import bundles.
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
 *     where: {period_kind: quarter}   # restricts the values offered
 *     first: true                 # choose the first value on opening
 *     descending: true            # newest first
 *     required: true              # default true: a value must be chosen
 *     multi: false                # default false
 *     default: '*'                # value chosen on opening
 *     parent: area                # cascadeParentIds
 * markdown:
 *   - {id: intro, width: 4, height: 50, text: "..."}
 * charts:
 *   - id: trend                   # key of the chart's UUID
 *     title: Gns. målopfyldelse pr. kvartal
 *     viz: echarts_timeseries_line  # big_number | echarts_timeseries_bar | _line | table |
 *                                   # pivot_table_v2 | pie
 *     dataset: attainment
 *     metrics: [goal_attainment_avg]  # saved metric ids (metrics.yaml)
 *     groupby: [effect_goal_label]
 *     columns: []                 # pivot_table_v2 column dimensions
 *     x_axis: period_start        # time series and big_number trendline
 *     time_grain: P3M
 *     where: {period_kind: quarter, via: authority}
 *     ignore: [period]            # native filters that do not apply
 *     width: 6                    # of 12; height in grid rows
 * rows:                           # layout: ids left to right
 *   - [intro, trend]
 * }</pre>
 *
 * <p>The attainment cube (ADR 0007) is only additive over disjoint citizens, so the compiler fixes
 * every catalogue dimension a chart neither groups by, fixes itself nor gets from a required native
 * filter in scope to {@code *}, and adds {@code <> '*'} for the dimensions it groups by (a
 * life-theme chart leaves the effect goal free: a theme's rows carry its goal). A native filter
 * applies to the charts on its dataset that do not group by its column.
 *
 * <p>{@link dk.goalattainment.connector.dashboards.DashboardBundleBuilder} validates and compiles;
 * {@link dk.goalattainment.connector.dashboards.DashboardImporter} imports the bundle with all
 * dashboards through the assets import.
 */
package dk.goalattainment.connector.dashboards;
