package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Text;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answers of {@code /api/v1/datasets}: what the JSON holds, typed for the OpenAPI document. */
public final class DatasetViews {
  private DatasetViews() {}

  /**
   * Every standard dataset.
   *
   * @param refreshedAt when the datasets were last refreshed (null: never)
   * @param fresh whether they were refreshed after the last ingest
   */
  @Schema(name = "DatasetList")
  public record DatasetList(
      List<DatasetSummary> datasets, @Nullable Instant refreshedAt, boolean fresh) {}

  /**
   * One dataset in the list.
   *
   * @param id the id used in URLs and Superset
   * @param version increases with every change of the definition
   * @param table the materialised table
   * @param grain what one row is
   * @param citizenGrain whether rows are about single (pseudonymised) citizens
   * @param metrics the ids of the metrics defined over it
   * @param rows rows in the materialised table (null before the first refresh)
   * @param href the dataset's definition
   */
  @Schema(name = "DatasetSummary")
  public record DatasetSummary(
      String id,
      int version,
      Text title,
      Text description,
      String table,
      String grain,
      boolean citizenGrain,
      List<String> metrics,
      @Nullable Long rows,
      String href) {
    static DatasetSummary of(DatasetDefinition d, Long rows) {
      return new DatasetSummary(
          d.id(),
          d.version(),
          d.title(),
          d.description(),
          d.table(),
          d.grain(),
          d.isCitizenGrain(),
          d.metrics(),
          rows,
          "/api/v1/datasets/" + d.id());
    }
  }

  /**
   * One dataset's full definition with its metrics.
   *
   * @param rows rows in the materialised table (null before the first refresh)
   * @param rowsHref where its rows are
   */
  @Schema(name = "DatasetDetail")
  public record DatasetDetail(
      DatasetDefinitionView definition,
      List<MetricViews.MetricDefinitionView> metrics,
      @Nullable Long rows,
      String rowsHref) {}

  /**
   * A dataset definition as its YAML file in {@code dataset-definitions/datasets/} declares it.
   *
   * @param id stable id, used in URLs and Superset
   * @param version increases with every change of the definition
   * @param effectiveFrom the date the version took effect
   * @param table the materialised table
   * @param builder the engine query that materialises it
   * @param grain what one row is
   * @param orgPathColumns the columns carrying the org path ({@code /ROOT/AREA/UNIT/}) for
   *     row-level security
   * @param timeColumn the main temporal column
   * @param citizenGrain whether rows are about single (pseudonymised) citizens: served to tokens
   *     with the read:citizen scope only, never published
   * @param columns the table's columns, in order
   * @param metrics the ids of the metrics defined over it
   */
  @Schema(name = "DatasetDefinition")
  public record DatasetDefinitionView(
      String id,
      int version,
      String effectiveFrom,
      String table,
      String builder,
      Text title,
      Text description,
      String grain,
      List<String> orgPathColumns,
      @Nullable String timeColumn,
      boolean citizenGrain,
      List<ColumnView> columns,
      List<String> metrics) {
    static DatasetDefinitionView of(DatasetDefinition d) {
      return new DatasetDefinitionView(
          d.id(),
          d.version(),
          d.effectiveFrom(),
          d.table(),
          d.builder(),
          d.title(),
          d.description(),
          d.grain(),
          d.orgPathColumns(),
          d.timeColumn(),
          d.isCitizenGrain(),
          d.columns().stream().map(ColumnView::of).toList(),
          d.metrics());
    }
  }

  /**
   * A column of a dataset: the name of the field in every row (JSON) and of the CSV column.
   *
   * @param type SQL type family: VARCHAR, INTEGER, BIGINT, DOUBLE, DATE, BOOLEAN (JSON: string,
   *     integer, integer, number, string (YYYY-MM-DD), boolean; any may be null)
   * @param label the Danish label (Superset's verbose name)
   * @param description what the column holds
   * @param role {@code dimension} or {@code measure}
   * @param temporal whether it is a time column
   * @param catalogue the catalogue dimension whose codes it holds ({@code *} means all), if any
   */
  @Schema(name = "DatasetColumn")
  public record ColumnView(
      String name,
      String type,
      String label,
      String description,
      @Nullable String role,
      boolean temporal,
      @Nullable String catalogue) {
    static ColumnView of(ColumnDefinition c) {
      return new ColumnView(
          c.name(), c.type(), c.label(), c.description(), c.role(), c.isTemporal(), c.catalogue());
    }
  }

  /**
   * A page of a dataset's rows.
   *
   * @param total rows matching the filters, on every page
   * @param offset rows skipped before this page
   * @param limit the most rows a page holds
   * @param nextOffset the offset of the next page (null on the last page)
   * @param rows the rows: one object per row, a field per column of the dataset (the OpenAPI
   *     document's {@code DatasetRow.<id>} schemas)
   */
  @Schema(name = "DatasetRowsPage")
  public record DatasetRowsPage(
      String dataset,
      int version,
      long total,
      long offset,
      int limit,
      @Nullable Long nextOffset,
      @Schema(ref = OpenApiDocument.DATASET_ROWS_REF, requiredMode = Schema.RequiredMode.REQUIRED)
          List<Map<String, Object>> rows) {}
}
