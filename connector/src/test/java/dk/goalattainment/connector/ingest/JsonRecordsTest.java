package dk.goalattainment.connector.ingest;

import static dk.goalattainment.connector.ingest.CsvRecordsTest.assertNoCpr;
import static dk.goalattainment.connector.ingest.CsvRecordsTest.failure;
import static dk.goalattainment.connector.ingest.CsvRecordsTest.read;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.Row;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRecordsTest {
  private static final String CPR = "0102031234";

  @TempDir Path dir;

  @Test
  void readsNumbersAsTheirTextAndNullsAndMissingKeysAsNull() {
    String json =
        """
        [
          {"followup_id": "F1", "goal_id": "G1", "followup_date": "2024-01-01", "score": 5},
          {"followup_id": "F2", "goal_id": 17, "followup_date": null, "score": 5.5},
          {"followup_id": "F3", "extra": {"nested": [1, {"deep": true}]}, "score": "7"}
        ]
        """;

    assertThat(read(JsonRecords.followUps(json.getBytes(UTF_8))))
        .containsExactly(
            new Row<>(1, new RawFollowUp("F1", "G1", "2024-01-01", "5")),
            new Row<>(2, new RawFollowUp("F2", "17", null, "5.5")),
            new Row<>(3, new RawFollowUp("F3", null, null, "7")));
  }

  @Test
  void readsAllFieldsOfGoalsAndOrgUnitsFromFileAndStream() throws IOException {
    String goals =
        """
        [{"goal_id": "G1", "cpr": "%s", "target_group": "adults", "life_theme": "health",
          "goal_type": "progression", "baseline_score": 3, "target_score": 6,
          "set_date": "2024-01-01", "due_date": "2024-12-31",
          "authority_unit_id": "A1", "provider_unit_id": "P1"}]
        """
            .formatted(CPR);
    RawGoal expected =
        new RawGoal(
            "G1",
            CPR,
            "adults",
            "health",
            "progression",
            "3",
            "6",
            "2024-01-01",
            "2024-12-31",
            "A1",
            "P1");
    Path file = Files.write(dir.resolve("goals.json"), goals.getBytes(UTF_8));
    assertThat(read(JsonRecords.goals(file))).containsExactly(new Row<>(1, expected));
    assertThat(read(JsonRecords.goals(new ByteArrayInputStream(goals.getBytes(UTF_8)))))
        .containsExactly(new Row<>(1, expected));

    String units =
        "\uFEFF[{\"unit_id\": \"U1\", \"name\": \"Bofællesskabet Åløkke\", \"parent_id\": null,"
            + " \"valid_from\": \"2020-01-01\"}]";
    assertThat(read(JsonRecords.orgUnits(units.getBytes(UTF_8))))
        .containsExactly(
            new Row<>(
                1, new RawOrgUnit("U1", "Bofællesskabet Åløkke", null, null, "2020-01-01", null)));
  }

  @Test
  void readsTheOptionalLevelOfAnOrgUnit() {
    String units =
        "[{\"unit_id\": \"SOC\", \"name\": \"Socialforvaltningen\", \"valid_from\":"
            + " \"2020-01-01\", \"level\": \"forvaltning\"}]";
    assertThat(read(JsonRecords.orgUnits(units.getBytes(UTF_8))))
        .containsExactly(
            new Row<>(
                1,
                new RawOrgUnit(
                    "SOC", "Socialforvaltningen", null, null, "2020-01-01", null, "forvaltning")));
  }

  @Test
  void readsEmptyArrayAsNoRecords() {
    assertThat(read(JsonRecords.goals(" [ ] ".getBytes(UTF_8)))).isEmpty();
  }

  @Test
  void rejectsBodyThatIsNotAnArray() {
    for (String body :
        List.of(
            "{\"goal_id\": \"G1\", \"cpr\": \"" + CPR + "\"}",
            "\"" + CPR + "\"",
            CPR.substring(1),
            "",
            "null")) {
      ConnectorException e = failure(JsonRecords.goals(body.getBytes(UTF_8)));
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      assertThat(e.errors())
          .containsExactly(
              new FieldError("goals", 0, "*", "the input must be a JSON array of objects"));
      assertNoCpr(e);
    }
  }

  @Test
  void reportsElementsThatAreNotObjectsByRowAfterDeliveringTheObjects() {
    String json =
        """
        [{"followup_id": "F1"}, 42, "%s", [{"followup_id": "F9"}], null, {"followup_id": "F6"}]
        """
            .formatted(CPR);

    List<Row<RawFollowUp>> delivered = new ArrayList<>();
    ConnectorException e = failure(JsonRecords.followUps(json.getBytes(UTF_8)), delivered::add);

    assertThat(delivered).extracting(Row::number).containsExactly(1L, 6L);
    assertThat(e.errors())
        .containsExactly(
            new FieldError("followups", 2, "*", "must be a JSON object"),
            new FieldError("followups", 3, "*", "must be a JSON object"),
            new FieldError("followups", 4, "*", "must be a JSON object"),
            new FieldError("followups", 5, "*", "must be a JSON object"));
    assertNoCpr(e);
  }

  @Test
  void rejectsObjectsArraysBooleansAndRepeatedKeysForKnownFields() {
    String json =
        """
        [{"goal_id": "G1", "cpr": {"value": "%s"}},
         {"goal_id": "G2", "baseline_score": true},
         {"goal_id": "G3", "cpr": ["%s"]},
         {"goal_id": "G4", "cpr": "%s", "cpr": "%s"},
         {"goal_id": "G5", "cpr": "%s"}]
        """
            .formatted(CPR, CPR, CPR, CPR, CPR);

    List<Row<RawGoal>> delivered = new ArrayList<>();
    ConnectorException e = failure(JsonRecords.goals(json.getBytes(UTF_8)), delivered::add);

    assertThat(delivered).extracting(Row::number).containsExactly(5L);
    assertThat(e.errors())
        .containsExactly(
            new FieldError("goals", 1, "cpr", "must be a string, a number or null"),
            new FieldError("goals", 2, "baseline_score", "must be a string, a number or null"),
            new FieldError("goals", 3, "cpr", "must be a string, a number or null"),
            new FieldError("goals", 4, "cpr", "is given more than once"));
    assertNoCpr(e);
  }

  @Test
  void rejectsMalformedJsonWithoutRepeatingTheInput() {
    for (String body :
        List.of(
            "[{\"goal_id\": \"G1\"}, {\"cpr\": " + CPR + "x}]",
            "[{\"goal_id\": \"G1\"}, {\"cpr\": cpr" + CPR + "}]",
            "[{\"goal_id\": \"G1\"}, {\"cpr\": 0" + CPR + "}]",
            "[{\"goal_id\": \"G1\"}, {\"cpr\": \"" + CPR + "",
            "[{\"goal_id\": \"G1\"}, {cpr: \"" + CPR + "\"}]")) {
      List<Row<RawGoal>> delivered = new ArrayList<>();
      ConnectorException e = failure(JsonRecords.goals(body.getBytes(UTF_8)), delivered::add);

      assertThat(delivered).extracting(Row::number).containsExactly(1L);
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      assertThat(e.errors())
          .containsExactly(new FieldError("goals", 2, "*", "is not well-formed JSON"));
      assertThat(e.getCause()).isNull();
      assertNoCpr(e);
    }
  }

  @Test
  void rejectsContentAfterTheArray() {
    ConnectorException e =
        failure(JsonRecords.goals(("[] [{\"cpr\": \"" + CPR + "\"}]").getBytes(UTF_8)));
    assertThat(e.errors())
        .containsExactly(
            new FieldError("goals", 0, "*", "the input must hold nothing after the array"));
    assertNoCpr(e);
  }

  @Test
  void reportsMissingFileAsNotFound() {
    assertThat(failure(JsonRecords.orgUnits(dir.resolve("nope.json"))).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }
}
