package dk.goalattainment.connector.core.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every table the store keeps, once, for every database (ADR 0006: idempotent DDL at every start).
 * A dialect renders it: type names, whether it keeps primary keys (PostgreSQL does; DuckDB's index
 * would slow bulk loads and block delete-then-insert of a key in one transaction), whether scratch
 * tables skip the write-ahead log, and its secondary indexes.
 */
public final class StoreSchema {
  /** Logical column types; a dialect names them. */
  public enum Type {
    VARCHAR,
    INTEGER,
    BIGINT,
    DATE,
    TIMESTAMP
  }

  /** What a table is for. */
  public enum Kind {
    /** Data the store holds. */
    STORED,
    /** Scratch of the ingest transaction: emptied before every commit. */
    STAGE,
    /** The refresh engine's state: derived, rebuilt by a full refresh. */
    ENGINE
  }

  /**
   * A column: name, type, whether it may be null, and whether it was added to a table that stores
   * made earlier already have ({@code ALTER TABLE … ADD COLUMN IF NOT EXISTS} at every start; such
   * a column is nullable).
   */
  public record Column(String name, Type type, boolean nullable, boolean added) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      if (added && !nullable) {
        throw new IllegalArgumentException("an added column must be nullable: " + name);
      }
    }
  }

  /** A table with its primary key (empty for none) and secondary indexes (column lists). */
  public record Table(
      String name,
      Kind kind,
      List<Column> columns,
      List<String> primaryKey,
      List<List<String>> indexes) {
    public Table {
      columns = List.copyOf(columns);
      primaryKey = List.copyOf(primaryKey);
      indexes = List.copyOf(indexes);
    }
  }

  /** The table of this name, if the schema has one. */
  public static Optional<Table> table(String name) {
    return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static Column req(String name, Type type) {
    return new Column(name, type, false, false);
  }

  private static Column opt(String name, Type type) {
    return new Column(name, type, true, false);
  }

  private static Column added(String name, Type type) {
    return new Column(name, type, true, true);
  }

  private static Table table(String name, Kind kind, List<String> key, Column... columns) {
    return new Table(name, kind, Arrays.asList(columns), key, List.of());
  }

  private static final Type V = Type.VARCHAR;
  private static final Type I = Type.INTEGER;
  private static final Type B = Type.BIGINT;
  private static final Type D = Type.DATE;

  /** Every table, in creation order. */
  public static final List<Table> TABLES =
      List.of(
          table("schema_version", Kind.STORED, List.of(), req("version", I)),
          table(
              "org_unit",
              Kind.STORED,
              List.of("unit_id"),
              req("unit_id", V),
              req("name", V),
              opt("parent_id", V),
              opt("role", V),
              req("valid_from", D),
              opt("valid_to", D),
              // org levels (issue 11): the level given in the input (null: derived) and the
              // effective level (given or derived by the documented rule, OrgLevels), kept by
              // every ingest of org units like org_closure; stores made before get them added,
              // and every unit's level derived once at open
              added("level", V),
              added("org_level", V)),
          table(
              "org_closure",
              Kind.STORED,
              List.of("ancestor_id", "descendant_id"),
              req("ancestor_id", V),
              req("descendant_id", V),
              req("depth", I)),
          new Table(
              "goal",
              Kind.STORED,
              List.of(
                  req("goal_id", V),
                  req("citizen_key", V),
                  req("target_group", V),
                  req("life_theme", V),
                  req("effect_goal", V),
                  req("goal_type", V),
                  req("baseline_score", I),
                  req("target_score", I),
                  req("set_date", D),
                  req("due_date", D),
                  req("authority_unit_id", V),
                  opt("provider_unit_id", V),
                  req("age_band", V)),
              List.of("goal_id"),
              List.of(List.of("authority_unit_id"), List.of("provider_unit_id"))),
          new Table(
              "followup",
              Kind.STORED,
              List.of(
                  req("followup_id", V),
                  req("goal_id", V),
                  req("followup_date", D),
                  req("score", I)),
              List.of("followup_id"),
              List.of(List.of("goal_id"))),
          table(
              "catalogue_label",
              Kind.STORED,
              List.of(),
              req("dimension", V),
              req("code", V),
              req("label_da", V),
              req("label_en", V),
              opt("parent_code", V),
              req("sort_order", I)),
          // Scratch tables of the ingest transaction (row_no = the record's row in its batch).
          table(
              "stage_org_unit",
              Kind.STAGE,
              List.of(),
              req("row_no", B),
              opt("unit_id", V),
              opt("name", V),
              opt("parent_id", V),
              opt("role", V),
              opt("valid_from", D),
              opt("valid_to", D),
              added("level", V)),
          table(
              "stage_goal",
              Kind.STAGE,
              List.of(),
              req("row_no", B),
              opt("goal_id", V),
              opt("citizen_key", V),
              opt("target_group", V),
              opt("life_theme", V),
              opt("effect_goal", V),
              opt("goal_type", V),
              opt("baseline_score", I),
              opt("target_score", I),
              opt("set_date", D),
              opt("due_date", D),
              opt("authority_unit_id", V),
              opt("provider_unit_id", V),
              opt("age_band", V)),
          table(
              "stage_followup",
              Kind.STAGE,
              List.of(),
              req("row_no", B),
              opt("followup_id", V),
              opt("goal_id", V),
              opt("followup_date", D),
              opt("score", I)),
          // Records that broke their own rules: their id and the ids they refer to.
          table(
              "stage_rejected",
              Kind.STAGE,
              List.of(),
              req("kind", V),
              req("row_no", B),
              opt("id", V),
              opt("unit_ref", V),
              opt("unit_ref2", V),
              opt("goal_ref", V)),
          // When the store was last ingested into and refreshed (freshness of the datasets).
          table(
              "store_event",
              Kind.STORED,
              List.of(),
              req("kind", V),
              req("happened_at", Type.TIMESTAMP),
              opt("detail", V)),
          // The refresh engine's dictionaries and state (core.engine.CubeTables); its per-goal
          // tables are created by the full refresh itself. The dictionaries are stored (logged on
          // PostgreSQL): the attainment cube's view reads them.
          table(
              "engine_unit",
              Kind.STORED,
              List.of(),
              req("unit_id", V),
              req("uno", I),
              req("uend", I),
              req("depth", I)),
          table(
              "engine_code",
              Kind.STORED,
              List.of(),
              req("dimension", V),
              req("code", V),
              req("id", I)),
          table(
              "engine_period",
              Kind.STORED,
              List.of(),
              req("pid", I),
              req("period", V),
              req("kind", I),
              req("start_qk", I),
              req("end_qk", I),
              req("prev_pid", I),
              req("yoy_pid", I)),
          table("engine_state", Kind.ENGINE, List.of(), req("name", V), req("value", V)),
          // The change log of ingest for the next incremental refresh: logged like the data.
          table("engine_pending", Kind.STORED, List.of(), req("kind", V), opt("id", V)));

  private StoreSchema() {}
}
