package dk.goalattainment.connector.opendata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.disclosure.CellKey;
import dk.goalattainment.connector.core.disclosure.Dimensions;
import dk.goalattainment.connector.core.disclosure.DisclosureAudit;
import dk.goalattainment.connector.core.disclosure.DisclosureControl;
import dk.goalattainment.connector.core.disclosure.DisclosureResult;
import dk.goalattainment.connector.core.disclosure.OrgTree;
import dk.goalattainment.connector.core.disclosure.PublishedCell;
import dk.goalattainment.connector.core.disclosure.SuppressionReason;
import dk.goalattainment.connector.core.disclosure.TableCell;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.formats.CsvTables;
import dk.goalattainment.connector.store.JdbcStore;
import dk.goalattainment.connector.store.OpenDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The open-data export: the attainment figures at the org levels and periods chosen for publishing,
 * with disclosure control (domain.md §4: primary suppression below K distinct citizens, secondary
 * suppression in every additive group, checked by an exact audit that must pass before anything is
 * written), as CSV, JSON and Parquet with a DCAT-AP-DK catalogue and a Danish methodology text. No
 * citizen row, no {@code citizen_key}, no date finer than the period.
 */
public final class OpenDataExport {
  /** The table's columns, in file order; the first fifteen are the published interface. */
  public static final List<String> COLUMNS =
      List.of(
          "period",
          "via",
          "org_unit",
          "parent_org_unit",
          "effect_goal",
          "life_theme",
          "target_group",
          "goal_type",
          "citizens",
          "goals_followed_up",
          "goals_met",
          "goal_attainment_avg",
          "goals_met_share",
          "suppressed",
          "suppression_reason",
          "period_kind",
          "org_unit_name",
          "org_level",
          "via_label",
          "org_level_label",
          "effect_goal_label",
          "life_theme_label",
          "target_group_label",
          "goal_type_label");

  /** Danish labels of the columns, for the metadata. */
  public static final Map<String, String> LABELS = labels();

  /** DuckDB types of the columns, for Parquet. */
  private static final Map<String, String> TYPES = types();

  private static final List<String> KEY =
      List.of(
          Dimensions.PERIOD,
          Dimensions.VIA,
          Dimensions.ORG_UNIT,
          Dimensions.EFFECT_GOAL,
          Dimensions.LIFE_THEME,
          Dimensions.TARGET_GROUP,
          Dimensions.GOAL_TYPE);

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private OpenDataExport() {}

  /**
   * What to publish and how to describe it.
   *
   * @param threshold K: cells with fewer distinct citizens are withheld (default 5, never below 3)
   * @param levels org levels to publish, by the catalogue's level code (default {@code kommune},
   *     {@code forvaltning}, {@code driftsomraade}): a unit is chosen by its level, never by its
   *     depth in the tree, so a tree rooted at the department publishes the same levels
   * @param periodKinds {@code year}, {@code quarter}, {@code rolling} (default year and quarter)
   * @param periods explicit period codes, or empty for every period of the chosen kinds
   */
  public record Options(
      int threshold,
      Set<String> levels,
      Set<String> periodKinds,
      Set<String> periods,
      PublicationMetadata metadata) {
    public Options {
      if (threshold < 3) {
        throw new ConnectorException(
            ErrorCode.BAD_REQUEST,
            "The suppression threshold must be at least 3 (domain.md §4); got " + threshold);
      }
      levels = Set.copyOf(levels);
      if (levels.isEmpty()) {
        throw new ConnectorException(ErrorCode.BAD_REQUEST, "No org level to publish");
      }
      periodKinds = Set.copyOf(periodKinds);
      periods = Set.copyOf(periods);
      java.util.Objects.requireNonNull(metadata, "metadata");
    }

    /** The org levels published unless asked otherwise: municipality, department, area. */
    public static final Set<String> DEFAULT_LEVELS =
        Set.of("kommune", "forvaltning", "driftsomraade");

    /** K = 5; municipality, department, area; years and quarters; no metadata configured. */
    public static Options defaults() {
      return new Options(
          5,
          DEFAULT_LEVELS,
          Set.of("year", "quarter"),
          Set.of(),
          PublicationMetadata.unconfigured());
    }

    /** These options with other publication metadata. */
    public Options withMetadata(PublicationMetadata m) {
      return new Options(threshold, levels, periodKinds, periods, m);
    }
  }

  /** The computed, suppressed table with its metadata. */
  public record Tables(
      List<Map<String, Object>> rows,
      DisclosureResult disclosure,
      Instant computedAt,
      List<String> periods,
      LocalDate coverageStart,
      LocalDate coverageEnd,
      Options options,
      CodeLists codeLists) {
    public long withheld(SuppressionReason reason) {
      return disclosure.count(reason);
    }
  }

  /** Computes the suppressed table; throws if the disclosure audit does not pass. */
  public static Tables compute(
      JdbcStore store, Definitions definitions, Catalogue catalogue, Options options) {
    DatasetDefinition attainment =
        definitions.datasets().stream()
            .filter(d -> "attainment".equals(d.builder()))
            .findFirst()
            .orElseThrow(
                () ->
                    new ConnectorException(
                        ErrorCode.DEFINITION_INVALID, "No attainment dataset is defined"));
    List<Map<String, Object>> source =
        new OpenDataSource(store)
            .rows(attainment.table(), options.levels(), options.periodKinds(), options.periods());
    List<TableCell> cells = new ArrayList<>();
    Map<String, String> parents = new LinkedHashMap<>();
    Set<String> published = new LinkedHashSet<>();
    TreeSet<String> periods = new TreeSet<>();
    LocalDate start = null;
    LocalDate end = null;
    for (Map<String, Object> r : source) {
      published.add((String) r.get("org_unit"));
      parents.put((String) r.get("org_unit"), (String) r.get("parent_org_unit"));
      periods.add((String) r.get("period"));
      LocalDate s = (LocalDate) r.get("period_start");
      LocalDate e = (LocalDate) r.get("period_end");
      start = start == null || s.isBefore(start) ? s : start;
      end = end == null || e.isAfter(end) ? e : end;
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put(Dimensions.GOALS_FOLLOWED_UP, ((Number) r.get("goals_followed_up")).longValue());
      counts.put(Dimensions.GOALS_MET, ((Number) r.get("goals_met")).longValue());
      Map<String, Double> measures = new LinkedHashMap<>();
      measures.put("goal_attainment_avg", number(r.get("goal_attainment_avg")));
      measures.put("goals_met_share", number(r.get("goals_met_share")));
      cells.add(new TableCell(key(r), ((Number) r.get("citizens")).longValue(), counts, measures));
    }
    // Only published nodes form groups: a parent outside the published levels has no total here.
    Map<String, String> tree = new LinkedHashMap<>();
    parents.forEach((unit, parent) -> tree.put(unit, published.contains(parent) ? parent : null));
    DisclosureResult result =
        new DisclosureControl(options.threshold()).apply(cells, OrgTree.ofParents(tree), catalogue);
    DisclosureAudit.requirePassed(result);
    Map<CellKey, PublishedCell> byKey = result.byKey();
    Map<String, String> unitNames = new LinkedHashMap<>();
    source.forEach(
        r -> unitNames.putIfAbsent((String) r.get("org_unit"), (String) r.get("org_unit_name")));
    CodeLists codeLists = CodeLists.of(catalogue, unitNames);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : source) {
      PublishedCell cell = byKey.get(key(r));
      Map<String, Object> row = new LinkedHashMap<>();
      for (String column : COLUMNS) {
        row.put(
            column,
            switch (column) {
              case "citizens" -> cell.citizens();
              case "goals_followed_up" -> cell.counts().get(Dimensions.GOALS_FOLLOWED_UP);
              case "goals_met" -> cell.counts().get(Dimensions.GOALS_MET);
              case "goal_attainment_avg", "goals_met_share" -> cell.measures().get(column);
              case "suppressed" -> cell.suppressed();
              case "suppression_reason" -> cell.suppressionReason();
              default -> sourceValue(column, r, codeLists);
            });
      }
      rows.add(row);
    }
    return new Tables(
        rows, result, Instant.now(), List.copyOf(periods), start, end, options, codeLists);
  }

  /** A column read from the source row, or for a label column, its code's Danish label. */
  private static Object sourceValue(String column, Map<String, Object> r, CodeLists codeLists) {
    if (column.endsWith("_label")) {
      String coded = column.substring(0, column.length() - "_label".length());
      return codeLists.labelDa(coded, (String) r.get(coded));
    }
    return r.get(column);
  }

  private static CellKey key(Map<String, Object> r) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String k : KEY) {
      values.put(k, (String) r.get(k));
    }
    return CellKey.of(values);
  }

  private static Double number(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }

  /** The table as CSV (UTF-8, {@code ,}, header; empty for null). */
  public static String csv(Tables t) {
    return CsvTables.toString(COLUMNS, t.rows());
  }

  /** The table as JSON: metadata and rows. */
  public static String json(Tables t) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("title", "Målopfyldelse i handleplaner");
    doc.put("computed_at", t.computedAt());
    doc.put("threshold", t.options().threshold());
    doc.put("periods", t.periods());
    doc.put("licence", DcatCatalog.LICENCE_CC_BY_4_0);
    doc.put("draft", t.options().metadata().draft());
    doc.put("withheld", withheldCounts(t));
    doc.put("columns", LABELS);
    doc.put("rows", t.rows());
    try {
      return JSON.writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows withheld, by reason, and in all (what {@code metode.md} states). */
  static Map<String, Long> withheldCounts(Tables t) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rows", (long) t.rows().size());
    counts.put("primary", t.withheld(SuppressionReason.PRIMARY));
    counts.put("secondary", t.withheld(SuppressionReason.SECONDARY));
    return counts;
  }

  /** The DCAT-AP-DK catalogue (JSON-LD) for the files under the metadata's base URL. */
  public static String catalog(Tables t, Map<DataFormat, Long> sizes) {
    PublicationMetadata m = t.options().metadata();
    String base = m.baseUrl() == null ? PublicationMetadata.MISSING_URI : m.baseUrl();
    DcatSettings settings =
        DcatSettings.defaults(base, m.publisher(), m.contactPoint(), null)
            .withLandingPage(m.landingPage());
    List<DcatDistribution> distributions = new ArrayList<>();
    for (DataFormat f : DataFormat.values()) {
      String url = base.replaceAll("/+$", "") + "/attainment." + f.extension();
      distributions.add(
          new DcatDistribution(f, "Målopfyldelse (" + f.label() + ")", url, url, sizes.get(f)));
    }
    LocalDate start = t.coverageStart() == null ? LocalDate.now() : t.coverageStart();
    LocalDate end = t.coverageEnd() == null ? LocalDate.now() : t.coverageEnd();
    ObjectNode catalog =
        DcatCatalog.build(
            settings, start, end, t.computedAt(), distributions, t.codeLists(), m.draft());
    return DcatCatalog.toJson(catalog);
  }

  /** The Danish methodology text. */
  public static String methodology(Tables t) {
    return MethodologyText.danish(
        new MethodologyText.Facts(
            t.options().threshold(),
            t.computedAt(),
            ZoneId.of("Europe/Copenhagen"),
            t.periods(),
            t.rows().size(),
            t.withheld(SuppressionReason.PRIMARY),
            t.withheld(SuppressionReason.SECONDARY),
            t.options().metadata().placeholders(),
            LABELS,
            t.codeLists(),
            byLevel(t)));
  }

  /** Rows and withheld rows per org level, top down (the rows are in org-depth order). */
  static List<MethodologyText.LevelCount> byLevel(Tables t) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (Map<String, Object> r : t.rows()) {
      long[] c = counts.computeIfAbsent(String.valueOf(r.get("org_level_label")), k -> new long[2]);
      c[0]++;
      if (Boolean.TRUE.equals(r.get("suppressed"))) {
        c[1]++;
      }
    }
    List<MethodologyText.LevelCount> levels = new ArrayList<>();
    counts.forEach((level, c) -> levels.add(new MethodologyText.LevelCount(level, c[0], c[1])));
    return levels;
  }

  /** What an export wrote. */
  public record Written(Tables tables, List<Path> files) {}

  /** Writes every file of the export into {@code dir}. */
  public static Written write(Tables t, Path dir) {
    try {
      Files.createDirectories(dir);
      Path csv = dir.resolve("attainment.csv");
      Files.writeString(csv, csv(t), StandardCharsets.UTF_8);
      Path json = dir.resolve("attainment.json");
      Files.writeString(json, json(t), StandardCharsets.UTF_8);
      Path parquet = dir.resolve("attainment.parquet");
      Files.deleteIfExists(parquet);
      OpenDataSource.csvToParquet(csv, parquet, TYPES);
      Map<DataFormat, Long> sizes = new LinkedHashMap<>();
      sizes.put(DataFormat.CSV, Files.size(csv));
      sizes.put(DataFormat.JSON, Files.size(json));
      sizes.put(DataFormat.PARQUET, Files.size(parquet));
      Path catalog = dir.resolve("catalog.jsonld");
      Files.writeString(catalog, catalog(t, sizes), StandardCharsets.UTF_8);
      Path methodology = dir.resolve("metode.md");
      Files.writeString(methodology, methodology(t), StandardCharsets.UTF_8);
      return new Written(t, List.of(csv, json, parquet, catalog, methodology));
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.INTERNAL, "Cannot write the open-data files to " + dir + ": " + e, e);
    }
  }

  private static Map<String, String> labels() {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("period", "Periode (kvartal 2019-Q4, år 2019)");
    l.put("via", "Visning: authority = myndighed, provider = udfører");
    l.put("org_unit", "Enhed (id)");
    l.put("parent_org_unit", "Overordnet enhed (id)");
    l.put("effect_goal", "Effektmål (* = alle)");
    l.put("life_theme", "Livstema (* = alle)");
    l.put("target_group", "Målgruppe (* = alle)");
    l.put("goal_type", "Måltype (* = alle)");
    l.put("citizens", "N (unik cpr)");
    l.put("goals_followed_up", "Antal opfulgte mål");
    l.put("goals_met", "Antal opfyldte mål");
    l.put("goal_attainment_avg", "Gns. målopfyldelse");
    l.put("goals_met_share", "Andel opfyldte mål");
    l.put("suppressed", "Udeladt af hensyn til diskretion");
    l.put(
        "suppression_reason",
        "Årsag: primary (under tærsklen) eller secondary (beskytter en anden celle)");
    l.put("period_kind", "Periodetype (quarter, year)");
    l.put("org_unit_name", "Enhed");
    l.put("org_level", "Organisatorisk niveau");
    l.put("via_label", "Visning");
    l.put("org_level_label", "Organisatorisk niveau (navn)");
    l.put("effect_goal_label", "Effektmål (navn)");
    l.put("life_theme_label", "Livstema (navn)");
    l.put("target_group_label", "Målgruppe (navn)");
    l.put("goal_type_label", "Måltype (navn)");
    return l;
  }

  private static Map<String, String> types() {
    Map<String, String> t = new LinkedHashMap<>();
    for (String c : COLUMNS) {
      t.put(
          c,
          switch (c) {
            case "citizens", "goals_followed_up", "goals_met" -> "BIGINT";
            case "goal_attainment_avg", "goals_met_share" -> "DOUBLE";
            case "suppressed" -> "BOOLEAN";
            default -> "VARCHAR";
          });
    }
    return t;
  }
}
