package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.semantic.CubeSlice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers report requests from the materialised attainment cube instead of recomputing them: the
 * same figures (the cube is built from the same SQL fragments, and a test holds them equal), read
 * by key in milliseconds. Requests the cube does not cover (age band) are not answered.
 */
public final class CubeReports {
  private final JdbcStore store;
  private final String table;

  public CubeReports(JdbcStore store, String attainmentTable) {
    this.store = store;
    this.table = attainmentTable;
  }

  /** Whether the cube holds the answer to a request (not whether it is fresh). */
  public static boolean covers(ReportRequest r) {
    return r.grouping() != Grouping.AGE_BAND && r.filters().ageBand() == null;
  }

  /** The report read from the cube, or empty when the cube does not cover the request. */
  public Optional<Report> report(ReportRequest r) {
    if (!covers(r)) {
      return Optional.empty();
    }
    Map<String, String> filters = r.filters().byColumn();
    String grouped = r.grouping().goalColumn();
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE period = ? AND via = ?");
    params.add(r.period().code());
    params.add(r.via().code());
    if (r.grouping() == Grouping.ORG_CHILD) {
      where.append(" AND parent_org_unit = ?");
    } else {
      where.append(" AND org_unit = ?");
    }
    params.add(r.orgUnitId());
    for (CubeSlice.Condition condition : CubeSlice.forReport(grouped, filters).conditions()) {
      where.append(" AND ").append(condition.sql());
      params.add(condition.value());
    }
    where.append(" AND goals_followed_up > 0");
    Map<ReportColumn, String> special = new LinkedHashMap<>();
    special.put(ReportColumn.GROUP, groupExpression(r.grouping()));
    special.put(ReportColumn.GROUP_LABEL, labelExpression(r.grouping()));
    special.put(ReportColumn.PERIOD, "period");
    special.put(ReportColumn.ORG_UNIT, "CAST(? AS VARCHAR)");
    special.put(ReportColumn.VIA, "via");
    special.put(ReportColumn.GROUPING, "'" + r.grouping().code() + "'");
    List<String> select = new ArrayList<>();
    List<Object> selectParams = new ArrayList<>();
    for (ReportColumn c : ReportColumn.values()) {
      String expression = special.getOrDefault(c, c.id());
      if (c == ReportColumn.ORG_UNIT) {
        selectParams.add(r.orgUnitId());
      }
      select.add(expression + " AS \"" + c.id() + "\"");
    }
    selectParams.addAll(params);
    String sql =
        "SELECT " + String.join(", ", select) + " FROM " + table + where + " ORDER BY \"group\"";
    List<ReportRow> rows = new ArrayList<>();
    List<ReportColumn> columns = ReportColumn.values();
    try (Connection c = store.dialect().connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      JdbcStore.bind(ps, selectParams);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<ReportColumn, Object> values = new LinkedHashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), JdbcStore.read(rs, i + 1, columns.get(i).type()));
          }
          rows.add(new ReportRow(values));
        }
      }
    } catch (SQLException e) {
      throw JdbcStore.failure("reading the attainment dataset", e);
    }
    return Optional.of(new Report(r, rows));
  }

  private static String groupExpression(Grouping g) {
    return switch (g) {
      case NONE -> "'*'";
      case ORG_CHILD -> "org_unit";
      default -> g.goalColumn();
    };
  }

  private static String labelExpression(Grouping g) {
    return switch (g) {
      case NONE -> "'I alt'";
      case ORG_CHILD -> "org_unit_name";
      default -> g.goalColumn() + "_label";
    };
  }
}
