package dk.goalattainment.connector.core.definitions;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.model.Period;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema and semantic stages of definition validation (MetricFlow-style stages). Each returns
 * every problem found, worded for the person editing the YAML; an empty list means valid.
 */
public final class DefinitionsValidator {
  /** Column types a dataset may declare (type families, the same in DuckDB and PostgreSQL). */
  public static final Set<String> TYPES =
      Set.of("VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DATE", "BOOLEAN");

  public static final Set<String> DIRECTIONS =
      Set.of("higher_is_better", "lower_is_better", "neutral");

  public static final Set<String> UNITS =
      Set.of("share", "count", "mean_share", "ruler_points", "flag", "mark");

  private static final Set<String> CATALOGUE_DIMENSIONS =
      Set.of("effect_goal", "life_theme", "target_group", "goal_type", "age_band");

  /** Words in metric expressions that are SQL, not column names. */
  private static final Set<String> SQL_WORDS =
      Set.of(
          "and",
          "or",
          "not",
          "null",
          "is",
          "in",
          "case",
          "when",
          "then",
          "else",
          "end",
          "as",
          "cast",
          "double",
          "precision",
          "float8",
          "integer",
          "bigint",
          "varchar",
          "distinct",
          "true",
          "false",
          "between",
          "like",
          "filter",
          "where",
          "over",
          "partition",
          "by",
          "order",
          "asc",
          "desc");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

  private DefinitionsValidator() {}

  /** Stage 1 (after parsing): required fields and allowed values, per definition. */
  public static List<String> schema(Definitions defs) {
    List<String> p = new ArrayList<>();
    for (DatasetDefinition d : defs.datasets()) {
      String at = "dataset " + (d.id() == null ? "(no id)" : d.id());
      required(p, at, "id", d.id());
      if (d.id() != null && !ID.matcher(d.id()).matches()) {
        p.add(at + ": id must be lower_snake_case");
      }
      version(p, at, d.version(), d.effectiveFrom());
      required(p, at, "table", d.table());
      required(p, at, "builder", d.builder());
      text(p, at, "title", d.title());
      text(p, at, "description", d.description());
      required(p, at, "grain", d.grain());
      if (d.columns().isEmpty()) {
        p.add(at + ": columns are required");
      }
      for (ColumnDefinition c : d.columns()) {
        String cat = at + ", column " + c.name();
        required(p, cat, "name", c.name());
        required(p, cat, "label", c.label());
        required(p, cat, "description", c.description());
        if (c.type() == null || !TYPES.contains(c.type())) {
          p.add(cat + ": type must be one of " + new java.util.TreeSet<>(TYPES));
        }
        if (!"dimension".equals(c.role()) && !"measure".equals(c.role())) {
          p.add(cat + ": role must be dimension or measure");
        }
        if (c.temporal() == null) {
          p.add(cat + ": temporal (true or false) is required");
        }
      }
    }
    for (MetricDefinition m : defs.metrics()) {
      String at = "metric " + (m.id() == null ? "(no id)" : m.id());
      required(p, at, "id", m.id());
      version(p, at, m.version(), m.effectiveFrom());
      text(p, at, "label", m.label());
      text(p, at, "description", m.description());
      if (m.unit() == null || !UNITS.contains(m.unit())) {
        p.add(at + ": unit must be one of " + new java.util.TreeSet<>(UNITS));
      }
      if (!"mark".equals(m.unit())) {
        required(p, at, "d3format", m.d3format());
      }
      if (m.direction() == null || !DIRECTIONS.contains(m.direction())) {
        p.add(at + ": direction must be one of " + new java.util.TreeSet<>(DIRECTIONS));
      }
      MetricDefinition.SuccessCriterion s = m.successCriterion();
      if (s != null) {
        if (s.target() == null) {
          p.add(at + ": success_criterion.target is required");
        }
        if (s.deadline() != null && !isDate(s.deadline())) {
          p.add(at + ": success_criterion.deadline must be a date YYYY-MM-DD");
        }
        if (s.baselinePeriod() != null && Period.tryParse(s.baselinePeriod()).isEmpty()) {
          p.add(at + ": success_criterion.baseline_period must be a period (2019, 2019-Q4)");
        }
      }
    }
    return p;
  }

  /**
   * Stage 2: ids unique, every reference resolves, every metric expression names existing columns,
   * catalogue dimensions exist, builders are known, and no definition changed without a new
   * version.
   *
   * @param builders the dataset builders the engine has
   * @param hashes the current content hash of each definition, by {@link #lockKey}
   * @param locked the hashes recorded in the lock file, by {@link #lockKey}
   */
  public static List<String> semantics(
      Definitions defs,
      Catalogue catalogue,
      Set<String> builders,
      Map<String, String> hashes,
      Map<String, String> locked) {
    List<String> p = new ArrayList<>();
    datasetProblems(defs, builders, p);
    metricProblems(defs, p);
    if (catalogue.effectGoals().isEmpty()) {
      p.add("catalogue: no effect goals");
    }
    lockProblems(hashes, locked, p);
    return p;
  }

  private static void datasetProblems(Definitions defs, Set<String> builders, List<String> p) {
    Set<String> ids = new HashSet<>();
    Set<String> tables = new HashSet<>();
    for (DatasetDefinition d : defs.datasets()) {
      String at = "dataset " + d.id();
      if (!ids.add(d.id())) {
        p.add(at + ": the id is defined twice");
      }
      if (d.table() != null && !tables.add(d.table().toLowerCase(Locale.ROOT))) {
        p.add(at + ": table " + d.table() + " is used by another dataset");
      }
      if (d.builder() != null && !builders.contains(d.builder())) {
        p.add(at + ": builder '" + d.builder() + "' is not one of " + builders);
      }
      Set<String> names = new HashSet<>();
      for (ColumnDefinition c : d.columns()) {
        if (!names.add(c.name())) {
          p.add(at + ": column " + c.name() + " is defined twice");
        }
        if (c.catalogue() != null && !CATALOGUE_DIMENSIONS.contains(c.catalogue())) {
          p.add(at + ", column " + c.name() + ": catalogue must be one of " + CATALOGUE_DIMENSIONS);
        }
      }
      for (String column : d.orgPathColumns()) {
        if (d.column(column).isEmpty()) {
          p.add(at + ": org_path_columns names " + column + ", which is not a column");
        }
      }
      if (d.timeColumn() != null) {
        if (d.column(d.timeColumn()).isEmpty()) {
          p.add(at + ": time_column " + d.timeColumn() + " is not a column");
        } else if (!d.column(d.timeColumn()).get().isTemporal()) {
          p.add(at + ": time_column " + d.timeColumn() + " is not marked temporal");
        }
      }
      for (String metricId : d.metrics()) {
        var metric = defs.metric(metricId);
        if (metric.isEmpty()) {
          p.add(at + ": metric " + metricId + " is not defined in metrics.yaml");
        } else if (!metric.get().expressions().containsKey(d.id())) {
          p.add(
              at
                  + ": metric "
                  + metricId
                  + " has no expression for this dataset: the engine generates none for it (not"
                  + " one of its figures on this dataset) and metrics.yaml gives none");
        }
      }
    }
  }

  private static void metricProblems(Definitions defs, List<String> p) {
    Set<String> metricIds = new HashSet<>();
    for (MetricDefinition m : defs.metrics()) {
      String at = "metric " + m.id();
      if (!metricIds.add(m.id())) {
        p.add(at + ": the id is defined twice");
      }
      for (Map.Entry<String, String> e : m.expressions().entrySet()) {
        var dataset = defs.dataset(e.getKey());
        if (dataset.isEmpty()) {
          p.add(at + ": expression for unknown dataset " + e.getKey());
          continue;
        }
        if (!dataset.get().metrics().contains(m.id())) {
          p.add(at + ": dataset " + e.getKey() + " does not list this metric");
        }
        for (String column : columnsNamed(e.getValue())) {
          if (dataset.get().column(column).isEmpty()) {
            p.add(
                at
                    + ": the expression for "
                    + e.getKey()
                    + " names "
                    + column
                    + ", which is not a column of that dataset");
          }
        }
      }
      MetricDefinition.SuccessCriterion s = m.successCriterion();
      if (s != null && s.org() == null) {
        p.add(at + ": success_criterion.org (the org node the target is set for) is required");
      }
    }
  }

  /** Every definition's hash must be in the lock file, unchanged. */
  private static void lockProblems(
      Map<String, String> hashes, Map<String, String> locked, List<String> p) {
    for (Map.Entry<String, String> h : hashes.entrySet()) {
      String lockedHash = locked.get(h.getKey());
      if (lockedHash == null) {
        p.add(
            h.getKey()
                + " is not in definitions.lock.yaml: record it with `connector validate"
                + " --update-lock`");
      } else if (!lockedHash.equals(h.getValue())) {
        p.add(
            h.getKey()
                + " changed without a new version: a changed definition must get a new"
                + " version and effective_from, never a silent edit");
      }
    }
  }

  /** The lock-file key of a definition: {@code metric:ID@VERSION} or {@code dataset:ID@VERSION}. */
  public static String lockKey(String kind, String id, Integer version) {
    return kind + ":" + id + "@" + version;
  }

  /** The column names an SQL expression refers to (identifiers not followed by a parenthesis). */
  public static Set<String> columnsNamed(String expression) {
    String withoutStrings = expression.replaceAll("'([^']|'')*'", "''");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(withoutStrings);
    while (m.find()) {
      String word = m.group();
      int next = m.end();
      while (next < withoutStrings.length()
          && Character.isWhitespace(withoutStrings.charAt(next))) {
        next++;
      }
      boolean function = next < withoutStrings.length() && withoutStrings.charAt(next) == '(';
      if (!function && !SQL_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
        names.add(word);
      }
    }
    return names;
  }

  private static void required(List<String> p, String at, String field, String value) {
    if (value == null || value.isBlank()) {
      p.add(at + ": " + field + " is required");
    }
  }

  private static void text(List<String> p, String at, String field, Text text) {
    if (text == null || text.da() == null || text.da().isBlank()) {
      p.add(at + ": " + field + ".da is required");
    }
    if (text == null || text.en() == null || text.en().isBlank()) {
      p.add(at + ": " + field + ".en is required");
    }
  }

  private static void version(List<String> p, String at, Integer version, String effectiveFrom) {
    if (version == null || version < 1) {
      p.add(at + ": version must be 1 or more");
    }
    if (effectiveFrom == null || !isDate(effectiveFrom)) {
      p.add(at + ": effective_from must be a date YYYY-MM-DD");
    }
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
