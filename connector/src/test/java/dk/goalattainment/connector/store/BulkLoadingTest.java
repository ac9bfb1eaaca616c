package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dialect's {@link BulkWriter}: every value back exactly as written, in one transaction. */
abstract class BulkLoadingTest extends AbstractStoreContractTest {
  private static final List<String> COLUMNS =
      List.of("row_no", "unit_id", "name", "parent_id", "role", "valid_from", "valid_to", "level");

  /** Rows as written: a row_no, then texts and dates, any of them null. */
  private static final List<Object[]> TRICKY =
      List.of(
          new Object[] {
            1L, "a,b", "quote \" inside", null, "", LocalDate.of(2018, 1, 1), null, "team"
          },
          new Object[] {
            2L,
            "line\nbreak",
            "cr\r\nlf",
            "tab\there",
            "\\N",
            LocalDate.of(1970, 1, 1),
            LocalDate.of(2099, 12, 31),
            null
          },
          new Object[] {
            3L, "æøå ÆØÅ é ✓", "\"\"", ",", "back\\slash", LocalDate.of(2000, 2, 29), null, ""
          },
          new Object[] {
            4L, " spaces ", "NULL", "null", "\"", LocalDate.of(2018, 12, 31), null, "\\N"
          });

  private List<Object[]> readBack(Connection c) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + String.join(", ", COLUMNS)
                    + " FROM stage_org_unit"
                    + " ORDER BY row_no")) {
      while (rs.next()) {
        rows.add(
            new Object[] {
              rs.getLong(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getString(5),
              rs.getObject(6, LocalDate.class),
              rs.getObject(7, LocalDate.class),
              rs.getString(8)
            });
      }
    }
    return rows;
  }

  /**
   * Starts a transaction with a statement first, as the ingest does: DuckDB's JDBC driver opens the
   * transaction lazily, and an appender used before any statement writes outside it (its rows are
   * committed at once and survive a rollback).
   */
  private void beginAsTheIngestDoes(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String sql : db.store.dialect().stageStatements()) {
        s.execute(sql);
      }
    }
  }

  /** The dialect's bulk writer, or the writer an ingest stages its rows with. */
  private BulkWriter writer(String kind, Connection c) throws SQLException {
    SqlDialect dialect = db.store.dialect();
    return kind.equals("stage")
        ? dialect.stageWriter(c, "stage_org_unit", COLUMNS)
        : dialect.bulkWriter(c, "stage_org_unit", COLUMNS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bulk", "stage"})
  void keepsEveryValueExactlyAsWrittenIncludingNullsAndQuotes(String kind) throws SQLException {
    SqlDialect dialect = db.store.dialect();
    try (Connection c = dialect.connect()) {
      beginAsTheIngestDoes(c);
      try (BulkWriter w = writer(kind, c)) {
        for (Object[] row : TRICKY) {
          w.append(row);
        }
      }
      List<Object[]> back = readBack(c);
      c.rollback();

      assertThat(back).hasSize(TRICKY.size());
      for (int i = 0; i < TRICKY.size(); i++) {
        assertThat(back.get(i)).as(Arrays.toString(TRICKY.get(i))).containsExactly(TRICKY.get(i));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bulk", "stage"})
  void writesManyRowsAndNothingIsLeftWhenTheTransactionRollsBack(String kind) throws SQLException {
    SqlDialect dialect = db.store.dialect();
    int rows = 60_000; // more than one COPY buffer on PostgreSQL
    try (Connection c = dialect.connect()) {
      beginAsTheIngestDoes(c);
      try (BulkWriter w = writer(kind, c)) {
        for (long i = 1; i <= rows; i++) {
          w.append(
              i,
              "unit-" + i,
              "Enhed nummer " + i,
              null,
              "udfoerer",
              LocalDate.of(2018, 1, 1),
              null,
              null);
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(row_no) FROM stage_org_unit")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(rows);
        assertThat(rs.getLong(2)).isEqualTo((long) rows * (rows + 1) / 2);
      }
      c.rollback();
      assertThat(rowsLeftInStageOrgUnit(c)).isZero();
    }
  }

  /**
   * The rows in {@code stage_org_unit} as {@code c} sees it; none if it has no such table (on
   * DuckDB the stage tables are the ingest connection's temporary tables, created in its
   * transaction and gone with its rollback).
   */
  private static long rowsLeftInStageOrgUnit(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_name = 'stage_org_unit'")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return 0;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM stage_org_unit")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
