package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store's side of open data: the publishable rows of the attainment dataset (aggregates only,
 * at chosen org levels and period kinds, with counted follow-ups), and CSV to Parquet conversion
 * through an in-memory DuckDB.
 */
public final class OpenDataSource {
  /** The attainment columns an open-data table is built from; no citizen-level column. */
  public static final List<String> COLUMNS =
      List.of(
          "period",
          "period_kind",
          "period_start",
          "period_end",
          "via",
          "org_unit",
          "org_unit_name",
          "parent_org_unit",
          "org_depth",
          "org_level",
          "effect_goal",
          "life_theme",
          "target_group",
          "goal_type",
          "citizens",
          "goals_followed_up",
          "goals_met",
          "goal_attainment_avg",
          "goals_met_share");

  private final JdbcStore store;

  public OpenDataSource(JdbcStore store) {
    this.store = store;
  }

  /**
   * Rows of the attainment table at the given org levels (the catalogue's codes) and period kinds
   * (and, if not empty, only the given periods), with counted follow-ups, in a stable order.
   */
  public List<Map<String, Object>> rows(
      String attainmentTable, Set<String> levels, Set<String> kinds, Set<String> periods) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(String.join(", ", COLUMNS))
            .append(" FROM ")
            .append(attainmentTable)
            .append(" WHERE goals_followed_up > 0");
    in(sql, params, "org_level", levels);
    // a period is chosen by its kind or by its code
    boolean byKind = kinds != null && !kinds.isEmpty();
    boolean byCode = periods != null && !periods.isEmpty();
    if (byKind && byCode) {
      sql.append(" AND (1 = 0");
      in(sql.append(" OR (1 = 1"), params, "period_kind", kinds);
      sql.append(")");
      in(sql.append(" OR (1 = 1"), params, "period", periods);
      sql.append("))");
    } else {
      in(sql, params, "period_kind", kinds);
      in(sql, params, "period", periods);
    }
    sql.append(
        " ORDER BY period_start, period_end, via, org_depth, org_unit, target_group, effect_goal,"
            + " life_theme, goal_type");
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = store.dialect().connect();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      JdbcStore.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), DatasetQueries.plain(rs.getObject(i)));
          }
          rows.add(row);
        }
      }
    } catch (SQLException e) {
      if (store.dialect().provider().isMissingTable(e)) {
        throw new ConnectorException(
            ErrorCode.NOT_FOUND,
            "The attainment dataset is not materialised yet: run `connector refresh` first.");
      }
      throw JdbcStore.failure("reading the attainment dataset for open data", e);
    }
    return rows;
  }

  private static void in(StringBuilder sql, List<Object> params, String column, Set<?> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    sql.append(" AND ").append(column).append(" IN (");
    int i = 0;
    for (Object v : values) {
      sql.append(i++ == 0 ? "?" : ", ?");
      params.add(v);
    }
    sql.append(")");
  }

  /**
   * Writes a Parquet file from a CSV file with a header, with the given column types, by the
   * dialect that writes Parquet ({@link SqlDialects#parquetWriter()}).
   */
  public static void csvToParquet(Path csv, Path parquet, Map<String, String> types) {
    SqlDialects.parquetWriter().csvToParquet(csv, parquet, types);
  }
}
