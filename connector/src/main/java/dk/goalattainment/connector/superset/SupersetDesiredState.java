package dk.goalattainment.connector.superset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.superset.client.FilterType;
import dk.goalattainment.connector.superset.sync.Certification;
import dk.goalattainment.connector.superset.sync.ColumnSpec;
import dk.goalattainment.connector.superset.sync.DashboardAssets;
import dk.goalattainment.connector.superset.sync.DatabaseSpec;
import dk.goalattainment.connector.superset.sync.DatasetSpec;
import dk.goalattainment.connector.superset.sync.DesiredState;
import dk.goalattainment.connector.superset.sync.MetricSpec;
import dk.goalattainment.connector.superset.sync.Ownership;
import dk.goalattainment.connector.superset.sync.RlsRuleSpec;
import dk.goalattainment.connector.superset.sync.SupersetKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the connector wants in Superset, from its definitions and org tree: the database, one
 * dataset per standard dataset (Danish labels as verbose names, descriptions, d3 formats, metric
 * certification and warnings), and row-level security per org node.
 */
public final class SupersetDesiredState {
  /** The file that maps org nodes to Superset roles. */
  public static final String ROLES_FILE = "superset-roles.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private SupersetDesiredState() {}

  /**
   * The role convention: {@code pattern} with {@code {unit_id}} and {@code {name}}, explicit names
   * in {@code roles}, and org nodes in {@code exclude} without role or rule.
   */
  public record RoleMapping(
      Integer version, String pattern, Map<String, String> roles, List<String> exclude) {
    public RoleMapping {
      roles = roles == null ? Map.of() : Map.copyOf(roles);
      exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    /** The role of an org node, or null when the node is excluded. */
    public String roleOf(OrgUnit unit) {
      if (exclude.contains(unit.unitId())) {
        return null;
      }
      String explicit = roles.get(unit.unitId());
      return explicit != null
          ? explicit
          : pattern.replace("{unit_id}", unit.unitId()).replace("{name}", unit.name());
    }

    public static RoleMapping parse(String yaml, String source) {
      try {
        RoleMapping m = YAML.readValue(yaml, RoleMapping.class);
        if (m == null || m.version() == null || m.version() != 1) {
          throw new ConnectorException(
              ErrorCode.DEFINITION_INVALID, source + " must declare version: 1");
        }
        if (m.pattern() == null || !m.pattern().contains("{unit_id}")) {
          throw new ConnectorException(
              ErrorCode.DEFINITION_INVALID,
              source + ": pattern must contain {unit_id} so that every org node's role differs");
        }
        return m;
      } catch (JsonProcessingException e) {
        throw new ConnectorException(
            ErrorCode.DEFINITION_INVALID, source + " cannot be read: " + e.getOriginalMessage(), e);
      }
    }
  }

  /** Everything the sync needs besides the definitions. */
  public record Settings(
      String databaseName,
      String sqlalchemyUri,
      String schema,
      String externalUrlBase,
      boolean rowLevelSecurity) {}

  /** A dataset's description in Superset: its Danish title and description. */
  public static String description(DatasetDefinition d) {
    return d.title().da() + " – " + d.description().da();
  }

  /** The certification details of a metric: its version and when it took effect. */
  public static String certificationDetails(MetricDefinition m) {
    return "Definition version "
        + m.version()
        + ", gældende fra "
        + m.effectiveFrom()
        + " (domain.md §3)";
  }

  /** Whether charts may group by a column: dimensions and flags (e.g. low_n). */
  public static boolean groupby(ColumnDefinition c) {
    return "dimension".equals(c.role()) || "BOOLEAN".equals(c.type());
  }

  /** The schema of the tables for a SQLAlchemy URI: public for PostgreSQL, main for DuckDB. */
  public static String defaultSchema(String sqlalchemyUri) {
    return dk.goalattainment.connector.store.SqlDialects.forSqlalchemyUri(sqlalchemyUri)
        .map(dk.goalattainment.connector.store.SqlDialectProvider::defaultSchema)
        .orElse("main");
  }

  /** The desired state without dashboards. */
  public static DesiredState of(
      Definitions definitions, List<OrgUnit> orgUnits, RoleMapping roles, Settings settings) {
    return of(definitions, orgUnits, roles, settings, null);
  }

  /** The desired state, with the dashboards ({@code null}: not managed). */
  public static DesiredState of(
      Definitions definitions,
      List<OrgUnit> orgUnits,
      RoleMapping roles,
      Settings settings,
      DashboardAssets dashboards) {
    List<DatasetSpec> datasets = new ArrayList<>();
    for (DatasetDefinition d : definitions.datasets()) {
      datasets.add(datasetSpec(definitions, d, settings.schema(), settings.externalUrlBase()));
    }
    List<RlsRuleSpec> rules =
        settings.rowLevelSecurity() ? rules(definitions, orgUnits, roles) : List.of();
    return new DesiredState(database(settings), datasets, rules, dashboards);
  }

  /** The database as the sync and the dashboard bundles give it to Superset. */
  public static DatabaseSpec database(Settings settings) {
    String base = trimSlash(settings.externalUrlBase());
    return new DatabaseSpec(
        settings.databaseName(),
        settings.sqlalchemyUri(),
        true,
        base == null ? null : base + "/api/v1/datasets",
        null);
  }

  /**
   * A standard dataset as Superset should have it: the one source of the sync's dataset and the
   * dataset inside a dashboard bundle, so that an import never undoes the sync.
   *
   * @param externalUrlBase the connector's base URL its definitions are linked under, or null
   */
  public static DatasetSpec datasetSpec(
      Definitions definitions, DatasetDefinition d, String schema, String externalUrlBase) {
    String base = trimSlash(externalUrlBase);
    List<ColumnSpec> columns = new ArrayList<>();
    for (ColumnDefinition c : d.columns()) {
      columns.add(
          new ColumnSpec(
              c.name(), c.label(), c.description(), null, c.isTemporal(), groupby(c), true));
    }
    List<MetricSpec> metrics = new ArrayList<>();
    for (MetricDefinition m : definitions.metricsOf(d)) {
      metrics.add(
          new MetricSpec(
              m.id(),
              m.label().da(),
              m.expressions().get(d.id()),
              m.description().da(),
              m.d3format(),
              m.warning(),
              m.certifiedBy() == null
                  ? null
                  : new Certification(m.certifiedBy(), certificationDetails(m))));
    }
    return new DatasetSpec(
        d.table(),
        schema,
        description(d),
        SupersetKeys.datasetUuid(d.table()),
        base == null ? null : base + "/api/v1/datasets/" + d.id(),
        columns,
        metrics);
  }

  /**
   * One rule per org node and org-path shape: datasets with one path column get {@code
   * starts_with(org_path, '/ROOT/…/NODE/')}, datasets with several get the OR of them. {@code
   * starts_with} (DuckDB and PostgreSQL) and not LIKE: unit ids may hold {@code _} or {@code %}.
   */
  static List<RlsRuleSpec> rules(
      Definitions definitions, List<OrgUnit> orgUnits, RoleMapping roles) {
    Map<String, OrgUnit> byId = new HashMap<>();
    orgUnits.forEach(u -> byId.put(u.unitId(), u));
    Map<List<String>, List<String>> tablesByPathColumns = new java.util.LinkedHashMap<>();
    for (DatasetDefinition d : definitions.datasets()) {
      if (!d.orgPathColumns().isEmpty()) {
        tablesByPathColumns
            .computeIfAbsent(d.orgPathColumns(), k -> new ArrayList<>())
            .add(d.table());
      }
    }
    List<RlsRuleSpec> rules = new ArrayList<>();
    for (OrgUnit unit : orgUnits) {
      String role = roles.roleOf(unit);
      if (role == null) {
        continue;
      }
      String path = path(unit, byId);
      int shape = 0;
      for (Map.Entry<List<String>, List<String>> e : tablesByPathColumns.entrySet()) {
        List<String> conditions = new ArrayList<>();
        for (String column : e.getKey()) {
          conditions.add("starts_with(" + column + ", '" + path.replace("'", "''") + "')");
        }
        String clause =
            conditions.size() == 1
                ? conditions.get(0)
                : "(" + String.join(" OR ", conditions) + ")";
        String name =
            Ownership.DEFAULT.rlsNamePrefix()
                + unit.unitId()
                + (shape++ == 0 ? "" : " (" + String.join(", ", e.getKey()) + ")");
        rules.add(
            new RlsRuleSpec(
                name,
                FilterType.REGULAR,
                e.getValue(),
                List.of(role),
                clause,
                "org",
                "Rækker for " + unit.name() + " og alle underenheder (" + path + ")"));
      }
    }
    return rules;
  }

  /** The org path of a unit, {@code /ROOT/…/UNIT/}, as {@code dim_org_unit.org_path} has it. */
  static String path(OrgUnit unit, Map<String, OrgUnit> byId) {
    List<String> ids = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (OrgUnit u = unit; u != null && seen.add(u.unitId()); u = byId.get(u.parentId())) {
      ids.add(0, u.unitId());
    }
    return "/" + String.join("/", ids) + "/";
  }

  private static String trimSlash(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    return url.replaceAll("/+$", "");
  }
}
