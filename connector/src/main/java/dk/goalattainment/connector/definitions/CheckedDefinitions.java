package dk.goalattainment.connector.definitions;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.DefinitionsValidator;
import dk.goalattainment.connector.core.engine.DatasetSql;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.semantic.SavedMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Definitions that passed the schema and semantic stages of validation. The database stage runs in
 * the store ({@code DatasetRefresher}).
 */
public record CheckedDefinitions(Definitions definitions, DefinitionsLoader.Loaded loaded) {

  /** The result of the first two stages: every problem, by stage. */
  public record Stages(List<String> schema, List<String> semantics) {
    public boolean ok() {
      return schema.isEmpty() && semantics.isEmpty();
    }

    public List<String> all() {
      List<String> all = new ArrayList<>(schema);
      all.addAll(semantics);
      return all;
    }
  }

  /** Runs the schema and semantic stages. */
  public static Stages check(DefinitionsLoader.Loaded loaded, Catalogue catalogue) {
    List<String> schema = loaded.schemaProblems();
    List<String> semantics = new ArrayList<>();
    if (schema.isEmpty()) {
      semantics.addAll(SavedMetrics.writtenWhereGenerated(loaded.written()));
      semantics.addAll(
          DefinitionsValidator.semantics(
              loaded.definitions(),
              catalogue,
              Set.copyOf(DatasetSql.BUILDERS),
              loaded.hashes(),
              loaded.locked()));
    } else {
      semantics.add("(not checked: fix the schema problems first)");
    }
    return new Stages(schema, semantics);
  }

  /** Loads and checks; any problem stops with every problem listed. */
  public static CheckedDefinitions load(DefinitionFiles files, Catalogue catalogue) {
    DefinitionsLoader.Loaded loaded = DefinitionsLoader.load(files);
    Stages stages = check(loaded, catalogue);
    if (!stages.ok()) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "The dataset and metric definitions in "
              + files.describe("")
              + " are invalid:\n  - "
              + String.join("\n  - ", stages.all()));
    }
    return new CheckedDefinitions(loaded.definitions(), loaded);
  }
}
