package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.engine.DatasetSql;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.model.Period;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Materialises the standard datasets in the store ({@code connector refresh}) and runs the database
 * stage of definition validation. A refresh is one transaction: the period and org dimensions and
 * every dataset table are rebuilt from the engine's SQL, then checked against their definitions
 * (every declared column present with its type, no undeclared column, every metric expression
 * executes); any problem rolls the whole refresh back, so readers always see a complete, valid set
 * of tables.
 */
public final class DatasetRefresher {
  private final JdbcStore store;

  public DatasetRefresher(JdbcStore store) {
    this.store = store;
  }

  /**
   * What a refresh built.
   *
   * @param asOf the date the data runs to: a period is complete when it ends on or before it (null
   *     when the store holds no follow-up and none was given)
   */
  public record Result(
      Instant refreshedAt, Duration took, Map<String, Long> rows, LocalDate asOf) {}

  /** A refresh with the data as of the latest follow-up date. */
  public Result refresh(Definitions definitions, Consumer<String> progress) {
    return refresh(definitions, null, progress);
  }

  /**
   * Materialises the datasets.
   *
   * @param requestedAsOf the date the data runs to ({@code refresh --as-of}); null: the latest
   *     follow-up date
   */
  public Result refresh(
      Definitions definitions, LocalDate requestedAsOf, Consumer<String> progress) {
    Instant started = Instant.now();
    SqlDialect dialect = store.dialect();
    Map<String, Long> rows = new LinkedHashMap<>();
    store.ingestLock().lock();
    try (Connection c = dialect.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        progress.accept("periods and org units");
        LocalDate asOf = requestedAsOf != null ? requestedAsOf : latestFollowUp(s);
        List<Period> periods = periods(s, asOf);
        s.execute("DROP TABLE IF EXISTS " + DatasetSql.PERIOD_TABLE);
        s.execute(DatasetSql.periodTableDdl());
        try (BulkWriter w =
            dialect.bulkWriter(c, DatasetSql.PERIOD_TABLE, DatasetSql.PERIOD_COLUMNS)) {
          for (Period p : periods) {
            w.append(DatasetSql.periodRow(p, asOf).toArray());
          }
        }
        rows.put(DatasetSql.PERIOD_TABLE, (long) periods.size());
        rows.put(DatasetSql.ORG_TABLE, build(s, DatasetSql.ORG_TABLE, DatasetSql.orgUnits()));
        String attainmentTable = null;
        for (String builder : DatasetSql.BUILDERS) {
          for (DatasetDefinition d : definitions.datasets()) {
            if (!builder.equals(d.builder())) {
              continue;
            }
            progress.accept(d.id());
            String sql =
                switch (builder) {
                  case "attainment" -> DatasetSql.attainment(dialect);
                  case "goal_followups" -> DatasetSql.goalFollowups();
                  case "followup_compliance" -> {
                    if (attainmentTable == null) {
                      throw new ConnectorException(
                          ErrorCode.DEFINITION_INVALID,
                          "followup_compliance needs a dataset built by the attainment builder");
                    }
                    yield DatasetSql.followupCompliance(attainmentTable);
                  }
                  default ->
                      throw new ConnectorException(
                          ErrorCode.DEFINITION_INVALID, "Unknown dataset builder " + builder);
                };
            rows.put(d.table(), build(s, d.table(), sql));
            if ("followup_compliance".equals(builder)) {
              index(s, d.table(), "children", "parent_org_unit, period, via");
            }
            if ("attainment".equals(builder)) {
              attainmentTable = d.table();
              // Reports and dashboards read one slice at a time: by org node (or its parent, for
              // the children), period and view. Measured: the direktion dashboard's queries on
              // PostgreSQL 60x faster (docs/BENCHMARKS.md).
              index(s, d.table(), "slice", "org_unit, period, via");
              index(s, d.table(), "children", "parent_org_unit, period, via");
            }
          }
        }
        progress.accept("checking the tables against their definitions");
        List<String> problems = validate(c, definitions);
        if (!problems.isEmpty()) {
          c.rollback();
          throw new ConnectorException(
              ErrorCode.DEFINITION_INVALID,
              "The refresh was rolled back: the materialised datasets do not match their"
                  + " definitions:\n  - "
                  + String.join("\n  - ", problems));
        }
        Duration took = Duration.between(started, Instant.now());
        store.recordEvent(c, "refresh", rows + " as of " + asOf);
        c.commit();
        store.freshnessChanged();
        return new Result(started, took, rows, asOf);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw JdbcStore.failure("refreshing the datasets", e);
    } finally {
      store.ingestLock().unlock();
    }
  }

  private static void index(Statement s, String table, String name, String columns)
      throws SQLException {
    s.execute("CREATE INDEX " + table + "_" + name + " ON " + table + " (" + columns + ")");
  }

  private static long build(Statement s, String table, String select) throws SQLException {
    s.execute("DROP TABLE IF EXISTS " + table);
    s.execute("CREATE TABLE " + table + " AS " + select);
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The date the data runs to when none is given: the latest follow-up date, if any. */
  private static LocalDate latestFollowUp(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT MAX(followup_date) FROM followup")) {
      rs.next();
      java.sql.Date latest = rs.getDate(1);
      return latest == null ? null : latest.toLocalDate();
    }
  }

  /**
   * The periods that cover every follow-up and due date; rolling windows only up to the as-of date.
   */
  private static List<Period> periods(Statement s, LocalDate asOf) throws SQLException {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT MIN(y), MAX(y) FROM (SELECT EXTRACT(YEAR FROM followup_date) AS y FROM"
                + " followup UNION ALL SELECT EXTRACT(YEAR FROM due_date) FROM goal) t")) {
      rs.next();
      int first = rs.getInt(1);
      if (rs.wasNull()) {
        return List.of();
      }
      int last = rs.getInt(2);
      return DatasetSql.periodsAsOf(first, last, asOf);
    }
  }

  /** The database stage of validation, on a connection of the caller. */
  public List<String> validate(Definitions definitions) {
    try (Connection c = store.dialect().connect()) {
      return validate(c, definitions);
    } catch (SQLException e) {
      throw JdbcStore.failure("validating the datasets", e);
    }
  }

  private List<String> validate(Connection c, Definitions definitions) throws SQLException {
    List<String> problems = new ArrayList<>();
    SqlDialect dialect = store.dialect();
    for (DatasetDefinition d : definitions.datasets()) {
      String at = "dataset " + d.id() + " (table " + d.table() + ")";
      Map<String, String> actual = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + d.table() + " WHERE 1 = 0")) {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          actual.put(
              md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), md.getColumnTypeName(i));
        }
      } catch (SQLException e) {
        problems.add(at + ": is not materialised; run `connector refresh`");
        continue;
      }
      Set<String> declared = new TreeSet<>();
      for (ColumnDefinition col : d.columns()) {
        declared.add(col.name());
        String type = actual.get(col.name());
        if (type == null) {
          problems.add(at + ": declared column " + col.name() + " is not in the table");
        } else if (!dialect.typeFamily(type).equals(col.type())) {
          problems.add(
              at
                  + ": column "
                  + col.name()
                  + " is declared "
                  + col.type()
                  + " but the table has "
                  + dialect.typeFamily(type));
        }
      }
      for (String column : actual.keySet()) {
        if (!declared.contains(column)) {
          problems.add(at + ": table column " + column + " is not declared");
        }
      }
      for (MetricDefinition m : definitions.metricsOf(d)) {
        String expression = m.expressions().get(d.id());
        if (expression == null) {
          continue;
        }
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT " + expression + " AS metric FROM " + d.table() + " WHERE 1 = 0")) {
          rs.next();
        } catch (SQLException e) {
          problems.add(
              at + ": metric " + m.id() + " does not execute: " + firstLine(e.getMessage()));
        }
      }
    }
    return problems;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
