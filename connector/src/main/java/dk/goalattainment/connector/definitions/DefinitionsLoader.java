package dk.goalattainment.connector.definitions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.DefinitionsValidator;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.semantic.SavedMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code metrics.yaml}, {@code datasets/*.yaml} and {@code definitions.lock.yaml}: the schema
 * stage of validation (shape, types, unknown fields, required fields) happens here, and every
 * problem of every file is collected.
 */
public final class DefinitionsLoader {
  public static final String METRICS_FILE = "metrics.yaml";
  public static final String DATASETS_FOLDER = "datasets";
  public static final String LOCK_FILE = "definitions.lock.yaml";

  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Canonical JSON for hashing: sorted keys, snake_case, no nulls lost. */
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private DefinitionsLoader() {}

  /** The file shapes. */
  record MetricsFile(Integer version, List<MetricDefinition> metrics) {}

  record LockFile(Map<String, String> definitions) {}

  /**
   * What was read: the definitions (with the saved-metric expressions the engine generates filled
   * in), the problems of the schema stage, the content hash of each definition as written, the
   * hashes recorded in the lock file, and the definitions as written.
   */
  public record Loaded(
      Definitions definitions,
      List<String> schemaProblems,
      Map<String, String> hashes,
      Map<String, String> locked,
      Definitions written) {}

  public static Loaded load(DefinitionFiles files) {
    List<String> problems = new ArrayList<>();
    List<MetricDefinition> metrics = new ArrayList<>();
    MetricsFile mf = read(files, METRICS_FILE, MetricsFile.class, problems);
    if (mf != null) {
      if (mf.version() == null || mf.version() != 1) {
        problems.add(METRICS_FILE + ": must declare version: 1");
      }
      if (mf.metrics() != null) {
        metrics.addAll(mf.metrics());
      }
    }
    List<DatasetDefinition> datasets = new ArrayList<>();
    List<String> datasetFiles = files.list(DATASETS_FOLDER);
    if (datasetFiles.isEmpty()) {
      problems.add(DATASETS_FOLDER + "/: no dataset definitions found");
    }
    for (String name : datasetFiles) {
      DatasetDefinition d = read(files, name, DatasetDefinition.class, problems);
      if (d != null) {
        String expected = name.substring(DATASETS_FOLDER.length() + 1, name.length() - 5);
        if (d.id() != null && !d.id().equals(expected)) {
          problems.add(name + ": the id must match the file name (" + expected + ")");
        }
        datasets.add(d);
      }
    }
    Definitions definitions = new Definitions(datasets, metrics);
    problems.addAll(DefinitionsValidator.schema(definitions));
    Map<String, String> locked = new TreeMap<>();
    if (files.exists(LOCK_FILE)) {
      LockFile lock = read(files, LOCK_FILE, LockFile.class, problems);
      if (lock != null && lock.definitions() != null) {
        locked.putAll(lock.definitions());
      }
    }
    return new Loaded(
        SavedMetrics.complete(definitions), problems, hashes(definitions), locked, definitions);
  }

  private static <T> T read(
      DefinitionFiles files, String name, Class<T> type, List<String> problems) {
    try {
      T value = YAML.readValue(files.read(name), type);
      if (value == null) {
        problems.add(name + ": the file is empty");
      }
      return value;
    } catch (JsonProcessingException e) {
      problems.add(name + ": " + YamlErrors.describe(e));
      return null;
    }
  }

  /** The content hash of every definition, by lock key. */
  public static Map<String, String> hashes(Definitions definitions) {
    Map<String, String> hashes = new TreeMap<>();
    for (MetricDefinition m : definitions.metrics()) {
      if (m.id() != null) {
        hashes.put(DefinitionsValidator.lockKey("metric", m.id(), m.version()), hash(m));
      }
    }
    for (DatasetDefinition d : definitions.datasets()) {
      if (d.id() != null) {
        hashes.put(DefinitionsValidator.lockKey("dataset", d.id(), d.version()), hash(d));
      }
    }
    return hashes;
  }

  static String hash(Object definition) {
    try {
      byte[] json = CANONICAL.writeValueAsString(definition).getBytes(StandardCharsets.UTF_8);
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The lock file with the current hashes added: existing entries are kept as they are (a changed
   * definition needs a new version, so its old entry stays valid history).
   */
  public static String updatedLock(Map<String, String> locked, Map<String, String> hashes) {
    Map<String, String> merged = new TreeMap<>(locked);
    hashes.forEach(merged::putIfAbsent);
    StringBuilder sb =
        new StringBuilder(
            "# The content hash of every version of every dataset and metric definition.\n"
                + "# Written by `connector validate --update-lock`, which only adds entries.\n"
                + "# Never edit an entry: a changed definition gets a new version and"
                + " effective_from.\n"
                + "definitions:\n");
    merged.forEach((k, v) -> sb.append("  \"").append(k).append("\": \"").append(v).append("\"\n"));
    return sb.toString();
  }
}
