package dk.goalattainment.connector.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordSource;
import dk.goalattainment.connector.core.ingest.Row;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecordsTest {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** A synthetic CPR-like value; it must never show up in an error. */
  private static final String CPR = "0102031234";

  private static final String GOAL_HEADER =
      "goal_id;cpr;target_group;life_theme;goal_type;baseline_score;target_score;set_date;"
          + "due_date;authority_unit_id;provider_unit_id";

  @TempDir Path dir;

  @Test
  void readsSemicolonSeparatedWindows1252File() throws IOException {
    String csv =
        "unit_id;name;parent_id;role;valid_from;valid_to\r\n"
            + "K1;Kommune;;;2020-01-01;\r\n"
            + "U1;Hjemmeplejen Ærø, Søby og Åbo;K1;provider;2020-01-01;2030-12-31\r\n";
    byte[] bytes = csv.getBytes(WINDOWS_1252);
    assertThat(TextDecoding.isValidUtf8(new ByteArrayInputStream(bytes))).isFalse();

    List<Row<RawOrgUnit>> rows = read(CsvRecords.orgUnits(write("units.csv", bytes)));

    assertThat(rows)
        .extracting(Row::number, Row::record)
        .containsExactly(
            tuple(1L, new RawOrgUnit("K1", "Kommune", "", "", "2020-01-01", "")),
            tuple(
                2L,
                new RawOrgUnit(
                    "U1",
                    "Hjemmeplejen Ærø, Søby og Åbo",
                    "K1",
                    "provider",
                    "2020-01-01",
                    "2030-12-31")));
    assertThat(read(CsvRecords.orgUnits(bytes))).isEqualTo(rows);
    assertThat(read(CsvRecords.orgUnits(new ByteArrayInputStream(bytes)))).isEqualTo(rows);
  }

  @Test
  void readsTheOptionalLevelOfAnOrgUnit() {
    String csv =
        "unit_id,name,parent_id,role,valid_from,valid_to,level\n"
            + "SOC,Socialforvaltningen,,,2020-01-01,,forvaltning\n"
            + "BC,Børnecentret,SOC,udfoerer,2020-01-01,,\n";

    assertThat(read(CsvRecords.orgUnits(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .extracting(Row::record)
        .containsExactly(
            new RawOrgUnit("SOC", "Socialforvaltningen", "", "", "2020-01-01", "", "forvaltning"),
            new RawOrgUnit("BC", "Børnecentret", "SOC", "udfoerer", "2020-01-01", "", ""));
  }

  @Test
  void readsUtf8FileWithByteOrderMark() throws IOException {
    byte[] bytes =
        concat(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            ("unit_id,name,parent_id,role,valid_from,valid_to\n"
                    + "U1,Bofællesskabet Åløkke,,provider,2021-02-03,\n")
                .getBytes(UTF_8));

    RawOrgUnit expected =
        new RawOrgUnit("U1", "Bofællesskabet Åløkke", "", "provider", "2021-02-03", "");
    assertThat(read(CsvRecords.orgUnits(write("units.csv", bytes))))
        .containsExactly(new Row<>(1, expected));
    assertThat(read(CsvRecords.orgUnits(bytes))).containsExactly(new Row<>(1, expected));
    assertThat(read(CsvRecords.orgUnits(new ByteArrayInputStream(bytes))))
        .containsExactly(new Row<>(1, expected));
  }

  @Test
  void readsCommaSeparatedQuotedFieldsHoldingSemicolonsCommasQuotesAndNewlines() {
    String csv =
        "unit_id,name,parent_id,role,valid_from,valid_to\r\n"
            + "U1,\"Nord; Syd, \"\"Vest\"\"\r\nand Øst\",K1,provider,2020-01-01,\r\n"
            + "U2,\"Plain\",K1,provider,2020-01-01,\n";

    List<Row<RawOrgUnit>> rows = read(CsvRecords.orgUnits(csv.getBytes(UTF_8)));

    assertThat(rows).extracting(Row::number).containsExactly(1L, 2L);
    assertThat(rows.get(0).record().name()).isEqualTo("Nord; Syd, \"Vest\"\r\nand Øst");
    assertThat(rows.get(1).record().unitId()).isEqualTo("U2");
  }

  @Test
  void picksTheDelimiterThatOccursMostOftenOutsideQuotesInTheHeader() throws IOException {
    // Three commas inside quotes, three semicolons outside.
    String csv = "followup_id;goal_id;\"followup_date\";\"score,,,\"\nF1;G1;2024-01-01;5\n";
    // "score,,," is not a known column, so the score column is missing.
    ConnectorException e = failure(CsvRecords.followUps(csv.getBytes(UTF_8)));
    assertThat(e.errors())
        .extracting(FieldError::field, FieldError::rule)
        .containsExactly(
            tuple("score", "column is missing from the header"),
            tuple("column 4", "is not a known column"));

    String good = "followup_id;goal_id;\"follow,up,date\";score\n";
    assertThat(CsvRecords.sniffDelimiter(reader(good))).isEqualTo(';');
    assertThat(CsvRecords.sniffDelimiter(reader("a,b;c,d\n1;2;3;4\n"))).isEqualTo(',');
    assertThat(CsvRecords.sniffDelimiter(reader("a\tb\tc;d\n"))).isEqualTo('\t');
    assertThat(CsvRecords.sniffDelimiter(reader("\n\r\n  \na;b\n"))).isEqualTo(';');
  }

  @Test
  void readsTabSeparatedFile() {
    String csv = "followup_id\tgoal_id\tfollowup_date\tscore\nF1\tG1\t2024-01-01\t7\n";
    assertThat(read(CsvRecords.followUps(csv.getBytes(UTF_8))))
        .containsExactly(new Row<>(1, new RawFollowUp("F1", "G1", "2024-01-01", "7")));
  }

  @Test
  void matchesHeaderNamesIgnoringCaseAndSurroundingBlanksAndMapsColumnsByName() {
    String csv =
        " Score ; GOAL_ID;followup_date\u00A0; Followup_Id ;comment\n"
            + "5;G1;2024-01-01;F1;ignored\n";
    assertThat(read(CsvRecords.followUps(csv.getBytes(UTF_8))))
        .containsExactly(new Row<>(1, new RawFollowUp("F1", "G1", "2024-01-01", "5")));
  }

  @Test
  void skipsBlankLinesWithoutCountingThem() {
    String csv =
        "\n\nfollowup_id;goal_id;followup_date;score\n"
            + "\n"
            + "F1;G1;2024-01-01;5\r\n"
            + "\r\n"
            + "   \n"
            + ";;;\n"
            + "F2;G1;2024-02-01;6\n"
            + "\n";
    assertThat(read(CsvRecords.followUps(csv.getBytes(UTF_8))))
        .containsExactly(
            new Row<>(1, new RawFollowUp("F1", "G1", "2024-01-01", "5")),
            new Row<>(2, new RawFollowUp("F2", "G1", "2024-02-01", "6")));
  }

  @Test
  void reportsMissingRequiredColumnsAtRowZeroAndThenNamesUnknownColumns() {
    String csv =
        "goal_id;cpr_nr;life_theme;baseline_score;target_score;set_date;due_date;"
            + "authority_unit_id;Målgruppe\n";

    ConnectorException e = failure(CsvRecords.goals(csv.getBytes(UTF_8)));

    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.errors())
        .containsExactly(
            new FieldError("goals", 0, "cpr", "column is missing from the header"),
            new FieldError("goals", 0, "target_group", "column is missing from the header"),
            new FieldError("goals", 0, "cpr_nr", "is not a known column"),
            new FieldError("goals", 0, "Målgruppe", "is not a known column"));
  }

  @Test
  void acceptsMissingOptionalColumnsAsNull() {
    String units = "unit_id,name,valid_from\nU1,Unit,2020-01-01\n";
    assertThat(read(CsvRecords.orgUnits(units.getBytes(UTF_8))))
        .containsExactly(
            new Row<>(1, new RawOrgUnit("U1", "Unit", null, null, "2020-01-01", null)));

    String goals =
        "goal_id;cpr;target_group;life_theme;baseline_score;target_score;set_date;due_date;"
            + "authority_unit_id;unknown_extra\n"
            + "G1;"
            + CPR
            + ";adults;health;3;6;2024-01-01;2024-12-31;A1;x\n";
    List<Row<RawGoal>> rows = read(CsvRecords.goals(goals.getBytes(UTF_8)));
    assertThat(rows).hasSize(1);
    RawGoal goal = rows.get(0).record();
    assertThat(goal.goalType()).isNull();
    assertThat(goal.providerUnitId()).isNull();
    assertThat(goal.cpr()).isEqualTo(CPR);
    assertThat(goal.authorityUnitId()).isEqualTo("A1");
  }

  @Test
  void reportsRecordsWithTheWrongFieldCountByRowAfterDeliveringTheWellFormedOnes() {
    String csv =
        GOAL_HEADER
            + "\n"
            + goalLine("G1")
            + "G2;"
            + CPR
            + ";adults;health\n"
            + "\"G3\";\""
            + CPR
            + "\nwith a newline\";adults;health;;3;6;2024-01-01;2024-12-31;A1;P1\n"
            + goalLine("G4")
            + goalLine("G5").replace("\n", ";" + CPR + "\n");

    List<Row<RawGoal>> delivered = new ArrayList<>();
    ConnectorException e = failure(CsvRecords.goals(csv.getBytes(UTF_8)), delivered::add);

    assertThat(delivered).extracting(Row::number).containsExactly(1L, 3L, 4L);
    assertThat(delivered.get(1).record().cpr()).isEqualTo(CPR + "\nwith a newline");
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.errors())
        .containsExactly(
            new FieldError("goals", 2, "*", "has 4 fields, the header has 11"),
            new FieldError("goals", 5, "*", "has 12 fields, the header has 11"));
    assertNoCpr(e);
  }

  @Test
  void reportsHeaderlessFileWithoutRepeatingItsData() {
    String csv = goalLine("G1") + goalLine("G2");

    ConnectorException e = failure(CsvRecords.goals(csv.getBytes(UTF_8)));

    assertThat(e.errors()).extracting(FieldError::row).containsOnly(0L);
    assertThat(e.errors())
        .extracting(FieldError::field)
        .contains("goal_id", "cpr", "column 1", "column 2", "adults", "column 6");
    assertNoCpr(e);
  }

  @Test
  void reportsDuplicateColumns() {
    String csv = "followup_id;goal_id;followup_date;score;SCORE\nF1;G1;2024-01-01;5;6\n";
    ConnectorException e = failure(CsvRecords.followUps(csv.getBytes(UTF_8)));
    assertThat(e.errors())
        .containsExactly(
            new FieldError("followups", 0, "score", "column appears more than once in the header"));
  }

  @Test
  void rejectsUnclosedQuoteWithoutRepeatingData() {
    String csv = GOAL_HEADER + "\n" + goalLine("G1") + "G2;\"" + CPR + ";adults\n";

    List<Row<RawGoal>> delivered = new ArrayList<>();
    ConnectorException e = failure(CsvRecords.goals(csv.getBytes(UTF_8)), delivered::add);

    assertThat(delivered).extracting(Row::number).containsExactly(1L);
    assertThat(e.errors())
        .extracting(FieldError::row, FieldError::field)
        .containsExactly(tuple(2L, "*"));
    assertThat(e.errors().get(0).rule()).startsWith("is not well-formed CSV");
    assertThat(e.getCause()).isNull();
    assertNoCpr(e);
  }

  @Test
  void rejectsEmptyInput() {
    for (byte[] empty : List.of(new byte[0], "\n\r\n".getBytes(UTF_8))) {
      ConnectorException e = failure(CsvRecords.followUps(empty));
      assertThat(e.errors())
          .containsExactly(new FieldError("followups", 0, "*", "the header row is missing"));
    }
  }

  @Test
  void readsHeaderOnlyInputAsNoRecords() {
    assertThat(
            read(CsvRecords.followUps("followup_id,goal_id,followup_date,score".getBytes(UTF_8))))
        .isEmpty();
  }

  @Test
  void reportsMissingFileAsNotFound() {
    ConnectorException e = failure(CsvRecords.goals(dir.resolve("nope.csv")));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void decodesFileAsWindows1252WhenAnInvalidUtf8ByteComesLate() throws IOException {
    // Valid UTF-8 "æ" early, a Windows-1252 "ø" after more than one 64 KiB chunk: not valid UTF-8,
    // so the whole file is Windows-1252 (and the UTF-8 "æ" reads as two characters).
    StringBuilder csv = new StringBuilder("unit_id;name;valid_from\nU0;æ;2020-01-01\n");
    for (int i = 1; i <= 5000; i++) {
      csv.append("U").append(i).append(";Unit number ").append(i).append(";2020-01-01\n");
    }
    byte[] bytes =
        concat(csv.toString().getBytes(UTF_8), "U9;Sø;2020-01-01\n".getBytes(WINDOWS_1252));
    assertThat(bytes.length).isGreaterThan(128 * 1024);

    List<Row<RawOrgUnit>> rows = read(CsvRecords.orgUnits(write("late.csv", bytes)));

    assertThat(rows).hasSize(5002);
    assertThat(rows.get(0).record().name()).isEqualTo("Ã¦");
    assertThat(rows.get(5001).record().name()).isEqualTo("Sø");
    assertThat(read(CsvRecords.orgUnits(bytes))).isEqualTo(rows);
  }

  @Test
  void readsUtf8StreamDeliveredInTinyPiecesAcrossBufferBoundaries() throws IOException {
    StringBuilder csv = new StringBuilder("unit_id;name;valid_from\n");
    for (int i = 1; i <= 6000; i++) {
      csv.append("U").append(i).append(";Ærø Søby Åbo € ").append(i).append(";2020-01-01\n");
    }
    byte[] bytes = csv.toString().getBytes(UTF_8);
    assertThat(bytes.length).isGreaterThan(3 * 64 * 1024);

    List<Row<RawOrgUnit>> fromStream = read(CsvRecords.orgUnits(trickle(bytes)));
    List<Row<RawOrgUnit>> fromFile = read(CsvRecords.orgUnits(write("big.csv", bytes)));

    assertThat(fromStream).hasSize(6000).isEqualTo(fromFile);
    assertThat(fromStream.get(5999).record().name()).isEqualTo("Ærø Søby Åbo € 6000");
  }

  @Test
  void readsWindows1252StreamWhoseFirstNonAsciiByteComesLate() {
    StringBuilder csv = new StringBuilder("unit_id;name;valid_from\n");
    for (int i = 1; i <= 5000; i++) {
      csv.append("U").append(i).append(";Unit ").append(i).append(";2020-01-01\n");
    }
    csv.append("U9;Hjemmeplejen Ærø, Søby og Åbo;2020-01-01\n");
    byte[] bytes = csv.toString().getBytes(WINDOWS_1252);

    List<Row<RawOrgUnit>> rows = read(CsvRecords.orgUnits(trickle(bytes)));

    assertThat(rows).hasSize(5001);
    assertThat(rows.get(5000).record().name()).isEqualTo("Hjemmeplejen Ærø, Søby og Åbo");
  }

  @Test
  void rejectsStreamThatMixesUtf8AndWindows1252() {
    byte[] bytes =
        concat(
            ("unit_id;name;valid_from\nU1;Ærø;2020-01-01\n").getBytes(UTF_8),
            "U2;Søby;2020-01-01\n".getBytes(WINDOWS_1252));

    List<Row<RawOrgUnit>> delivered = new ArrayList<>();
    ConnectorException e =
        failure(CsvRecords.orgUnits(new ByteArrayInputStream(bytes)), delivered::add);

    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("*");
    assertThat(e.errors().get(0).rule()).contains("mixed encodings");
  }

  @Test
  void passesOnExceptionsFromTheSinkUnchanged() {
    String csv = "followup_id;goal_id;followup_date;score\nF1;G1;2024-01-01;5\n";
    IllegalStateException thrown = new IllegalStateException("from the sink");
    Throwable caught =
        catchThrowableOfType(
            IllegalStateException.class,
            () ->
                CsvRecords.followUps(csv.getBytes(UTF_8))
                    .forEach(
                        row -> {
                          throw thrown;
                        }));
    assertThat(caught).isSameAs(thrown);
  }

  // --- helpers

  private static String goalLine(String id) {
    return id + ";" + CPR + ";adults;health;;3;6;2024-01-01;2024-12-31;A1;P1\n";
  }

  static <T> List<Row<T>> read(RecordSource<T> source) {
    List<Row<T>> rows = new ArrayList<>();
    source.forEach(rows::add);
    return rows;
  }

  static ConnectorException failure(RecordSource<?> source) {
    return failure(source, row -> {});
  }

  /** The exception {@code source} throws while handing its rows to {@code sink}. */
  static <T> ConnectorException failure(RecordSource<T> source, Consumer<Row<T>> sink) {
    Throwable thrown = catchThrowable(() -> source.forEach(sink));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    return (ConnectorException) thrown;
  }

  /** Neither the message nor any error, nor any cause's message, holds any part of the CPR. */
  static void assertNoCpr(ConnectorException e) {
    List<String> texts = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
    }
    for (FieldError error : e.errors()) {
      texts.add(error.message());
    }
    assertThat(texts)
        .allSatisfy(
            text ->
                assertThat(text)
                    .doesNotContain(CPR)
                    .doesNotContain(CPR.substring(0, 6))
                    .doesNotContain(CPR.substring(6)));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static java.io.BufferedReader reader(String text) {
    return new java.io.BufferedReader(new java.io.StringReader(text));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  /** A stream that hands out at most a few bytes per read, splitting multi-byte characters. */
  private static InputStream trickle(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      private int next;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        next = next % 7 + 1;
        return super.read(b, off, Math.min(len, next));
      }
    };
  }
}
