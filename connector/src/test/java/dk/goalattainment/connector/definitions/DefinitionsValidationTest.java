package dk.goalattainment.connector.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.TestStore;
import dk.goalattainment.connector.WorkedExample;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.store.DatasetRefresher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every definition file, and each validation stage rejecting a broken one with a clear message. */
class DefinitionsValidationTest {
  @TempDir Path copy;

  @BeforeEach
  void copyDefinitions() throws IOException {
    Path source = TestCatalogue.definitionsDir();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.toList()) {
        Path target = copy.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private void edit(String file, String from, String to) throws IOException {
    Path path = copy.resolve(file);
    String text = Files.readString(path);
    assertThat(text).as("the test edits an existing text").contains(from);
    Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }

  private CheckedDefinitions.Stages stages() {
    return CheckedDefinitions.check(
        DefinitionsLoader.load(new DefinitionFiles(copy)), TestCatalogue.get());
  }

  @Test
  void everyDefinitionFileOfTheRepositoryIsValid() {
    CheckedDefinitions.Stages stages =
        CheckedDefinitions.check(
            DefinitionsLoader.load(new DefinitionFiles(TestCatalogue.definitionsDir())),
            TestCatalogue.get());

    assertThat(stages.schema()).isEmpty();
    assertThat(stages.semantics()).isEmpty();
    Definitions defs =
        CheckedDefinitions.load(
                new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
            .definitions();
    assertThat(defs.datasets())
        .extracting(DatasetDefinition::id)
        .contains("attainment", "goal_followups", "followup_compliance");
    assertThat(defs.metric("goal_attainment_avg").orElseThrow().label().da())
        .isEqualTo("Gns. målopfyldelse");
  }

  @Test
  void schemaStageRejectsAMissingDanishLabel() throws IOException {
    edit(
        "metrics.yaml",
        "label: {da: \"Antal opfyldte mål\", en: \"Goals met\"}",
        "label: {en: \"Goals met\"}");

    assertThat(stages().schema()).containsExactly("metric goals_met: label.da is required");
  }

  @Test
  void schemaStageRejectsAnUnknownFieldAndAWrongType() throws IOException {
    edit("datasets/goal_followups.yaml", "version: 2", "version: two");
    edit("metrics.yaml", "    unit: count\n", "    unit: count\n    colour: red\n");

    assertThat(stages().schema())
        .anySatisfy(p -> assertThat(p).startsWith("datasets/goal_followups.yaml: at version"))
        .anySatisfy(p -> assertThat(p).contains("unknown field 'colour'"));
  }

  @Test
  void schemaStageRejectsAnUnknownColumnType() throws IOException {
    edit("datasets/followup_compliance.yaml", "type: BIGINT", "type: NUMBER");

    assertThat(stages().schema())
        .singleElement()
        .asString()
        .startsWith("dataset followup_compliance, column goals_due: type must be one of");
  }

  @Test
  void semanticStageRejectsAnExpressionNamingAMissingColumn() throws IOException {
    edit(
        "metrics.yaml",
        "id: goals_unmet\n    version: 2",
        "id: goals_unmet\n    version: 3\n    expressions:\n      goal_followups: \"SUM(missed)\"");
    edit("datasets/goal_followups.yaml", "- goals_met\n", "- goals_met\n- goals_unmet\n");
    edit("datasets/goal_followups.yaml", "version: 2", "version: 3");

    assertThat(stages().semantics())
        .contains(
            "metric goals_unmet: the expression for goal_followups names missed, which is not a"
                + " column of that dataset");
  }

  @Test
  void semanticStageRefusesAWrittenExpressionOnThePreAggregatedCube() throws IOException {
    edit(
        "metrics.yaml",
        "id: citizens\n    version: 2",
        "id: citizens\n    version: 3\n    expressions:\n      attainment: \"SUM(citizens)\"");

    assertThat(stages().semantics())
        .contains(
            "metric citizens: the expression for attainment is generated from the engine's"
                + " figures (exact or nothing on pre-aggregated rows); remove it from"
                + " metrics.yaml");
  }

  @Test
  void semanticStageRejectsACubeMetricTheEngineHasNoFigureFor() throws IOException {
    edit("datasets/followup_compliance.yaml", "- goals_due\n", "- goals_due\n- distance_avg\n");
    edit("datasets/followup_compliance.yaml", "version: 2", "version: 3");

    assertThat(stages().semantics())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "dataset followup_compliance: metric distance_avg has no expression for"
                            + " this dataset"));
  }

  @Test
  void semanticStageRejectsAnUnknownMetricReference() throws IOException {
    edit("datasets/followup_compliance.yaml", "- goals_due\n", "- goals_due\n- goals_overdue\n");
    edit("datasets/followup_compliance.yaml", "version: 2", "version: 3");

    assertThat(stages().semantics())
        .contains(
            "dataset followup_compliance: metric goals_overdue is not defined in metrics.yaml");
  }

  @Test
  void semanticStageRejectsAChangedMetricWithoutANewVersion() throws IOException {
    edit("metrics.yaml", "d3format: \".2f\"", "d3format: \".3f\"");

    assertThat(stages().semantics())
        .containsExactly(
            "metric:distance_avg@2 changed without a new version: a changed definition must get"
                + " a new version and effective_from, never a silent edit");
  }

  @Test
  void aNewVersionMustBeRecordedInTheLock() throws IOException {
    edit("metrics.yaml", "d3format: \".2f\"", "d3format: \".3f\"");
    edit("metrics.yaml", "id: distance_avg\n    version: 2", "id: distance_avg\n    version: 3");

    assertThat(stages().semantics())
        .containsExactly(
            "metric:distance_avg@3 is not in definitions.lock.yaml: record it with `connector"
                + " validate --update-lock`");
  }

  @Test
  void startUpStopsOnInvalidDefinitionsListingEveryProblem() throws IOException {
    edit("metrics.yaml", "id: goals_met\n", "id: goals_met\n    unit: furlongs\n");

    assertThatThrownBy(
            () -> CheckedDefinitions.load(new DefinitionFiles(copy), TestCatalogue.get()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("are invalid")
        .hasMessageContaining("metrics.yaml")
        .hasMessageContaining("Duplicate field 'unit'");
  }

  @Test
  void databaseStageRollsBackARefreshWhoseTablesDoNotMatch(@TempDir Path db) throws IOException {
    edit(
        "datasets/followup_compliance.yaml",
        "name: goals_due\n  type: BIGINT",
        "name: goals_due\n  type: DOUBLE");
    // a written expression (allowed on the citizen-grain drill-down) that names no column
    edit(
        "metrics.yaml",
        "id: goals_met\n    version: 2",
        "id: goals_met\n    version: 3\n    expressions:\n      goal_followups:"
            + " \"SUM(overdue_followups)\"");
    Definitions broken = DefinitionsLoader.load(new DefinitionFiles(copy)).definitions();

    try (TestStore store = new TestStore(db)) {
      store.ingest(WorkedExample.batch());
      assertThatThrownBy(() -> new DatasetRefresher(store.store).refresh(broken, s -> {}))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("The refresh was rolled back")
          .hasMessageContaining(
              "dataset followup_compliance (table ds_followup_compliance): column goals_due is"
                  + " declared DOUBLE but the table has BIGINT")
          .hasMessageContaining("metric goals_met does not execute");
      assertThat(new DatasetRefresher(store.store).validate(broken))
          .contains(
              "dataset attainment (table ds_attainment): is not materialised; run `connector"
                  + " refresh`");
    }
  }

  @Test
  void columnsNamedIgnoresFunctionsKeywordsAndStrings() {
    assertThat(
            dk.goalattainment.connector.core.definitions.DefinitionsValidator.columnsNamed(
                "1.0 * SUM(CASE WHEN goal_type = 'maintenance' THEN met ELSE 0 END)"
                    + " / NULLIF(COUNT(DISTINCT citizen_key), 0)"))
        .containsExactlyInAnyOrder("goal_type", "met", "citizen_key");
    assertThat(List.of()).isEmpty();
  }
}
