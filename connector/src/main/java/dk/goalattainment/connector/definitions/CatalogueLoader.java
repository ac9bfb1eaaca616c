package dk.goalattainment.connector.definitions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.List;

/** Reads and validates {@code catalogue.yaml}. Any problem is a {@link ConnectorException}. */
public final class CatalogueLoader {
  public static final String FILE = "catalogue.yaml";
  private static final int SUPPORTED_VERSION = 1;

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private CatalogueLoader() {}

  /** The file's shape: the catalogue plus a format version. */
  record CatalogueFile(
      Integer version,
      List<Catalogue.EffectGoal> effectGoals,
      List<Catalogue.LifeTheme> lifeThemes,
      List<Catalogue.TargetGroup> targetGroups,
      List<Catalogue.Coded> goalTypes,
      List<Catalogue.Coded> roles,
      List<Catalogue.Coded> ageBands,
      List<Catalogue.RulerBand> rulerBands,
      List<Catalogue.Coded> orgLevels) {}

  public static Catalogue load(DefinitionFiles files) {
    return parse(files.read(FILE), files.describe(FILE));
  }

  public static Catalogue parse(String yaml, String source) {
    CatalogueFile file;
    try {
      file = YAML.readValue(yaml, CatalogueFile.class);
    } catch (JsonProcessingException e) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "The catalogue " + source + " cannot be read: " + YamlErrors.describe(e),
          e);
    }
    if (file == null) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID, "The catalogue " + source + " is empty");
    }
    if (file.version() == null || file.version() != SUPPORTED_VERSION) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "The catalogue " + source + " must declare version: " + SUPPORTED_VERSION);
    }
    return new Catalogue(
            file.effectGoals(),
            file.lifeThemes(),
            file.targetGroups(),
            file.goalTypes(),
            file.roles(),
            file.ageBands(),
            file.rulerBands(),
            file.orgLevels())
        .validated(source);
  }
}
