package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The database stage of definition validation: every declared column is in the materialised table
 * with its type, no undeclared column, every metric expression executes on it.
 */
final class DatasetValidation {
  private final JdbcStore store;

  DatasetValidation(JdbcStore store) {
    this.store = store;
  }

  /** The database stage of validation, on its own connection. */
  List<String> validate(Definitions definitions) {
    try (Connection c = store.dialect().connect()) {
      return validate(c, definitions);
    } catch (SQLException e) {
      throw JdbcStore.failure("validating the datasets", e);
    }
  }

  /** The database stage of validation, on a connection of the caller. */
  List<String> validate(Connection c, Definitions definitions) throws SQLException {
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
