package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.engine.Datasets;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.semantic.CubeSlice;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the materialised datasets: filtered, paginated rows (filters on any dimension; the order is
 * by every dimension, so pages are stable), row counts, and a metric's value over a slice of the
 * attainment dataset (the saved-metric expression itself, as a BI tool would run it).
 */
public final class DatasetQueries implements Datasets {
  private final JdbcStore store;

  public DatasetQueries(JdbcStore store) {
    this.store = store;
  }

  /**
   * Rows of a dataset matching every filter (column → accepted values, compared after a cast to the
   * column's type).
   */
  public Page rows(
      DatasetDefinition dataset, Map<String, List<String>> filters, long offset, int limit) {
    return rows(dataset, filters, offset, limit, null);
  }

  /**
   * Rows of a dataset matching every filter, limited to the subtrees of {@code orgRoots} (unit ids)
   * when it is not null: a row is kept when one of the dataset's org path columns lies in one of
   * those subtrees (as Superset's row-level security does). A filter value that is not of its
   * column's type is a {@link ErrorCode#BAD_REQUEST} naming the column and the type, never the
   * value.
   */
  @Override
  public Page rows(
      DatasetDefinition dataset,
      Map<String, List<String>> filters,
      long offset,
      int limit,
      java.util.Set<String> orgRoots) {
    FilterValues.requireValid(dataset, filters);
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (orgRoots != null) {
      List<String> conditions = new ArrayList<>();
      for (String path : store.orgPaths(orgRoots)) {
        for (String column : dataset.orgPathColumns()) {
          conditions.add("starts_with(" + column + ", ?)");
          params.add(path);
        }
      }
      where
          .append(" AND (")
          .append(conditions.isEmpty() ? "1 = 0" : String.join(" OR ", conditions))
          .append(")");
    }
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      ColumnDefinition column =
          dataset
              .column(f.getKey())
              .orElseThrow(
                  () ->
                      new ConnectorException(
                          ErrorCode.BAD_REQUEST, "Unknown column to filter on: " + f.getKey()));
      where.append(" AND ").append(column.name()).append(" IN (");
      for (int i = 0; i < f.getValue().size(); i++) {
        where.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(sqlType(column)).append(")");
        String value = f.getValue().get(i);
        params.add("VARCHAR".equals(column.type()) ? value : value.strip());
      }
      where.append(")");
    }
    List<String> order = new ArrayList<>();
    for (ColumnDefinition c : dataset.dimensions()) {
      order.add(c.name());
    }
    String orderBy = order.isEmpty() ? "" : " ORDER BY " + String.join(", ", order);
    try (Connection c = store.dialect().connect()) {
      long total;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT COUNT(*) FROM " + dataset.table() + where)) {
        JdbcStore.bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT * FROM "
                  + dataset.table()
                  + where
                  + orderBy
                  + " LIMIT "
                  + limit
                  + " OFFSET "
                  + offset)) {
        JdbcStore.bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              row.put(md.getColumnLabel(i), plain(rs.getObject(i)));
            }
            rows.add(row);
          }
        }
      }
      return new Page(total, offset, limit, rows);
    } catch (SQLException e) {
      if (isMissingTable(e)) {
        throw new ConnectorException(
            ErrorCode.NOT_FOUND,
            "The dataset " + dataset.id() + " is not materialised yet: run `connector refresh`.");
      }
      throw JdbcStore.failure("reading dataset rows", e);
    }
  }

  @Override
  public Optional<java.time.Instant> lastRefresh() {
    return store.lastEvent("refresh");
  }

  @Override
  public boolean fresh() {
    return store.datasetsFresh();
  }

  /** Rows in a dataset's table, if it is materialised. */
  @Override
  public Optional<Long> rowCount(DatasetDefinition dataset) {
    try (Connection c = store.dialect().connect();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + dataset.table());
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return Optional.of(rs.getLong(1));
    } catch (SQLException e) {
      if (isMissingTable(e)) {
        return Optional.empty();
      }
      // an unreachable store fails the request at once (503), not after every dataset
      throw JdbcStore.failure("counting the rows of " + dataset.id(), e);
    }
  }

  /**
   * A metric's value over one slice of the attainment dataset: a period and org node in the
   * authority view, every other dimension "*".
   */
  @Override
  public Optional<Double> metricValue(
      MetricDefinition metric, DatasetDefinition attainment, String period, String org) {
    String expression = metric.expressions().get(attainment.id());
    if (expression == null) {
      return Optional.empty();
    }
    String sql =
        "SELECT "
            + expression
            + " FROM "
            + attainment.table()
            + " WHERE period = ? AND org_unit = ? AND via = 'authority' AND "
            + CubeSlice.total().literalSql();
    try (Connection c = store.dialect().connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, period);
      ps.setString(2, org);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        double v = rs.getDouble(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
      }
    } catch (SQLException e) {
      if (isMissingTable(e)) {
        return Optional.empty();
      }
      throw JdbcStore.failure("evaluating a metric", e);
    }
  }

  /** Whether a failure says the queried table does not exist (the dialect knows). */
  boolean isMissingTable(SQLException e) {
    return store.dialect().provider().isMissingTable(e);
  }

  private String sqlType(ColumnDefinition column) {
    return store.dialect().provider().typeName(column.type());
  }

  /** A JDBC value as plain Java: dates as LocalDate, big numbers as long or double. */
  static Object plain(Object value) {
    if (value instanceof Date d) {
      return d.toLocalDate();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.math.BigInteger b) {
      return b.longValue();
    }
    if (value instanceof java.math.BigDecimal b) {
      return b.doubleValue();
    }
    return value;
  }
}
