package dk.goalattainment.connector.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging files are loaded chunk by chunk while rows still come, and never left behind. */
class CsvFileStageWriterTest {
  private static final List<String> COLUMNS =
      List.of("row_no", "followup_id", "goal_id", "followup_date", "score");

  @TempDir Path dir;
  private Path staging;
  private DuckDbDialect dialect;
  private Connection connection;

  @BeforeEach
  void open() throws Exception {
    staging = Files.createDirectories(dir.resolve("staging"));
    dialect = new DuckDbDialect(dir.resolve("test.duckdb"));
    try (Connection c = dialect.connect();
        Statement s = c.createStatement()) {
      for (String sql : dialect.schemaStatements()) {
        s.execute(sql);
      }
    }
    connection = dialect.connect();
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      for (String sql : dialect.stageStatements()) {
        s.execute(sql);
      }
    }
  }

  @AfterEach
  void close() throws Exception {
    connection.rollback();
    connection.close();
    dialect.close();
  }

  private static Object[] row(long i) {
    return new Object[] {
      i,
      i % 4 == 0 ? "" : "f\"" + i + ",\n",
      i % 3 == 0 ? null : "g" + i,
      LocalDate.of(2020, 1, 1).plusDays(i),
      (int) (i % 10) + 1
    };
  }

  private List<String> staged() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT row_no, followup_id, goal_id, followup_date, score FROM stage_followup"
                    + " ORDER BY row_no")) {
      while (rs.next()) {
        rows.add(
            rs.getLong(1)
                + "|"
                + rs.getString(2)
                + "|"
                + rs.getString(3)
                + "|"
                + rs.getObject(4, LocalDate.class)
                + "|"
                + rs.getInt(5));
      }
    }
    return rows;
  }

  private long filesLeft() throws Exception {
    try (Stream<Path> files = Files.list(staging)) {
      return files.count();
    }
  }

  @Test
  void loadsEveryFullChunkAtOnceAndTheRestOnClose() throws Exception {
    List<String> expected = new ArrayList<>();
    CsvFileStageWriter w =
        CsvFileStageWriter.forStageTable(connection, "stage_followup", COLUMNS, staging, 3);
    for (long i = 1; i <= 10; i++) {
      Object[] row = row(i);
      w.append(row);
      expected.add(row[0] + "|" + row[1] + "|" + row[2] + "|" + row[3] + "|" + row[4]);
      if (i == 7) {
        assertThat(staged()).as("two chunks of three loaded while rows still come").hasSize(6);
        assertThat(filesLeft()).as("only the file being written").isEqualTo(1);
      }
    }
    w.close();

    assertThat(staged()).containsExactlyElementsOf(expected);
    assertThat(filesLeft()).isZero();
  }

  @Test
  void discardingDeletesTheFileBeingWrittenWithoutLoadingIt() throws Exception {
    CsvFileStageWriter w =
        CsvFileStageWriter.forStageTable(connection, "stage_followup", COLUMNS, staging, 4);
    for (long i = 1; i <= 6; i++) {
      w.append(row(i));
    }
    w.discard();

    assertThat(staged()).hasSize(4);
    assertThat(filesLeft()).isZero();
  }
}
