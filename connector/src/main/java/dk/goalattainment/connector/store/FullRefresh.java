package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.CubeRowsSql;
import dk.goalattainment.connector.core.engine.DatasetSql;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tables of a full refresh built by one database's statements on one connection, in its
 * transaction: the dictionaries and dimensions, the engine's per-goal state, every dataset table
 * with its view and indexes (ADR 0014). The engine's fingerprints and the checks against the
 * definitions are the refresh's ({@link DatasetRefresher}).
 */
public final class FullRefresh {
  private final SqlDialect dialect;
  private final Connection connection;
  private final RefreshSteps steps;
  private final CubeDictionaries dictionaries;

  FullRefresh(
      SqlDialect dialect,
      Connection connection,
      RefreshSteps steps,
      CubeDictionaries dictionaries) {
    this.dialect = dialect;
    this.connection = connection;
    this.steps = steps;
    this.dictionaries = dictionaries;
  }

  /**
   * A full refresh of the store {@code connection} belongs to, on a database of its own (ADR 0027:
   * a scratch DuckDB that a {@link FullRefreshRoute} loaded with a store's data): every table, with
   * the data as of {@code asOf}, in the connection's transaction (the caller's to end).
   *
   * @param written hears of each engine and dataset table as soon as it is written
   * @return the rows of each table as the refresh reports them
   */
  public static Map<String, Long> compute(
      SqlDialect dialect,
      Connection connection,
      Definitions definitions,
      LocalDate asOf,
      RefreshListener listener,
      java.util.function.Consumer<String> written)
      throws SQLException {
    try (RefreshSteps steps = new RefreshSteps(dialect, connection, listener)) {
      steps.onWritten(written);
      for (String setting : dialect.refreshSettings()) {
        steps.execute(setting);
      }
      steps.stage("dictionaries");
      CubeDictionaries dictionaries = CubeDictionaries.read(steps.statement(), asOf);
      Map<String, Long> rows =
          new FullRefresh(dialect, connection, steps, dictionaries).build(definitions, true);
      steps.dropScratch();
      return rows;
    }
  }

  /**
   * Builds every table; answers the rows of the dimensions and of each dataset table.
   *
   * @param drillDownFirst the drill-down right after the engine's facts (it reads only the
   *     follow-up sequence), before the measures: a route that copies each table on as soon as it
   *     is written (ADR 0027) then copies the largest one while the measures are computed; else in
   *     the definitions' order, after the cube
   */
  Map<String, Long> build(Definitions definitions, boolean drillDownFirst) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    Statement s = steps.statement();
    CubeRefresh cube = new CubeRefresh(dialect, dictionaries, steps);
    for (DatasetDefinition d : definitions.datasets()) {
      if ("attainment".equals(d.builder())) {
        cube.dropCube(d);
      }
    }
    for (String sql : dialect.beforeFullRefresh()) {
      s.execute(sql);
    }
    dictionaries.write(dialect, connection, s);
    dictionaries.writePeriodDimension(dialect, connection, s);
    rows.put(DatasetSql.PERIOD_TABLE, (long) dictionaries.periods.size());
    s.execute("DROP TABLE IF EXISTS " + DatasetSql.ORG_TABLE);
    s.execute("CREATE TABLE " + DatasetSql.ORG_TABLE + " AS " + DatasetSql.orgUnits());
    rows.put(DatasetSql.ORG_TABLE, steps.count(DatasetSql.ORG_TABLE));
    cube.helpers();
    cube.fullFacts();
    for (String builder : DatasetSql.BUILDERS) {
      for (DatasetDefinition d : definitions.datasets()) {
        if (builder.equals(d.builder())) {
          rows.put(d.table(), null); // reported in the definitions' order
        }
      }
    }
    if (drillDownFirst) {
      for (DatasetDefinition d : definitions.datasets()) {
        if ("goal_followups".equals(d.builder())) {
          rows.put(d.table(), cube.fullGoalFollowups(d));
        }
      }
    }
    cube.fullMeasures();
    String attainmentTable = null;
    for (String builder : DatasetSql.BUILDERS) {
      for (DatasetDefinition d : definitions.datasets()) {
        if (!builder.equals(d.builder()) || drillDownFirst && "goal_followups".equals(builder)) {
          continue;
        }
        switch (builder) {
          case "attainment" -> {
            rows.put(d.table(), cube.fullCube(d));
            attainmentTable = d.table();
            // Reports and dashboards read one slice at a time: by org node (or the nodes of its
            // children) and period, through the view (docs/BENCHMARKS.md).
            index(dialect, s, CubeRowsSql.slicesTable(d.table()), "slice", "node, pid");
          }
          case "goal_followups" -> rows.put(d.table(), cube.fullGoalFollowups(d));
          case "followup_compliance" -> {
            rows.put(d.table(), cube.compliance(d, requireCube(attainmentTable)));
            index(dialect, s, d.table(), "children", "parent_org_unit, period, via");
          }
          default ->
              throw new ConnectorException(
                  ErrorCode.DEFINITION_INVALID, "Unknown dataset builder " + builder);
        }
      }
    }
    return rows;
  }

  static String requireCube(String attainmentTable) {
    if (attainmentTable == null) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "followup_compliance needs a dataset built by the attainment builder");
    }
    return attainmentTable;
  }

  static void index(SqlDialect dialect, Statement s, String table, String name, String columns)
      throws SQLException {
    if (!dialect.indexesDatasets()) {
      return;
    }
    s.execute("DROP INDEX IF EXISTS " + table + "_" + name);
    s.execute("CREATE INDEX " + table + "_" + name + " ON " + table + " (" + columns + ")");
  }
}
