package dk.goalattainment.connector.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

/** A portable {@link BulkWriter}: a prepared INSERT sent in batches. */
public final class BatchedInsertWriter implements BulkWriter {
  private static final int BATCH = 5_000;
  private final PreparedStatement statement;
  private int pending;

  public BatchedInsertWriter(Connection connection, String table, List<String> columns)
      throws SQLException {
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(columns.size(), "?"))
            + ")";
    this.statement = connection.prepareStatement(sql);
  }

  @Override
  public void append(Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        statement.setNull(i + 1, Types.NULL);
      } else if (v instanceof LocalDate day) {
        statement.setDate(i + 1, Date.valueOf(day));
      } else {
        statement.setObject(i + 1, v);
      }
    }
    statement.addBatch();
    if (++pending >= BATCH) {
      statement.executeBatch();
      pending = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      if (pending > 0) {
        statement.executeBatch();
      }
    } finally {
      statement.close();
    }
  }
}
