package dk.goalattainment.connector.store;

import static dk.goalattainment.connector.core.engine.CubeTables.CITIZEN;
import static dk.goalattainment.connector.core.engine.CubeTables.COUNTED;
import static dk.goalattainment.connector.core.engine.CubeTables.DUE;
import static dk.goalattainment.connector.core.engine.CubeTables.GOAL;
import static dk.goalattainment.connector.core.engine.CubeTables.PENDING;

import dk.goalattainment.connector.core.definitions.ColumnDefinition;
import dk.goalattainment.connector.core.definitions.DatasetDefinition;
import dk.goalattainment.connector.core.engine.CubeChangeSql;
import dk.goalattainment.connector.core.engine.CubeRowsSql;
import dk.goalattainment.connector.core.engine.CubeSql;
import dk.goalattainment.connector.core.engine.CubeStep;
import dk.goalattainment.connector.core.engine.CubeStep.TableKind;
import dk.goalattainment.connector.core.engine.CubeTables;
import dk.goalattainment.connector.core.engine.DatasetSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a full and of an incremental refresh of the cube, the drill-down and the
 * compliance table, run on one connection in the refresh's transaction.
 */
final class CubeRefresh {
  private final SqlDialect dialect;
  private final CubeDictionaries dictionaries;
  private final CubeSql cube;
  private final CubeRowsSql rows;
  private final RefreshSteps steps;

  CubeRefresh(SqlDialect dialect, CubeDictionaries dictionaries, RefreshSteps steps) {
    this.dialect = dialect;
    this.dictionaries = dictionaries;
    this.cube = dictionaries.cubeSql(dialect);
    this.rows = new CubeRowsSql(dictionaries.layout, dialect);
    this.steps = steps;
  }

  /** Columns of a dataset definition, in order. */
  static List<String> columns(DatasetDefinition d) {
    return d.columns().stream().map(ColumnDefinition::name).toList();
  }

  void helpers() throws SQLException {
    for (String t : CubeDictionaries.HELPERS) {
      steps.execute("DROP TABLE IF EXISTS " + t);
    }
    for (String sql : dictionaries.helperTables(dialect)) {
      steps.execute(sql);
    }
    CubeDictionaries.HELPERS.forEach(steps::scratch);
    // Statistics for the planner (PostgreSQL): without them it takes the dictionaries and helpers
    // for one row each and plans nested loops over the goals (3.8 s instead of 0.1 s at 100 k).
    for (String t :
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(CubeTables.UNIT, CubeTables.CODE, CubeTables.PERIOD),
                CubeDictionaries.HELPERS.stream())
            .toList()) {
      String analyze = dialect.analyze(t);
      if (analyze != null) {
        steps.execute(analyze);
      }
    }
  }

  /** The engine's state: the coded goals and the counted facts of every goal. */
  void fullFacts() throws SQLException {
    List<CubeStep> s = new ArrayList<>();
    s.add(
        CubeStep.create(
            "citizens and goals",
            CITIZEN,
            TableKind.ENGINE,
            "SELECT citizen_key, CAST(ROW_NUMBER() OVER (ORDER BY citizen_key) AS INTEGER) AS cno"
                + " FROM (SELECT DISTINCT citizen_key FROM goal) t"));
    s.add(
        CubeStep.create(
            "citizens and goals",
            GOAL,
            TableKind.ENGINE,
            cube.codedGoals(CITIZEN, "ROW_NUMBER() OVER (ORDER BY g.goal_id)", "", "1 = 1")));
    s.add(CubeStep.create("counted follow-ups", "e_fq", cube.followUpSequence(GOAL)));
    s.add(
        CubeStep.create(
            "counted follow-ups", COUNTED, TableKind.ENGINE, CubeSql.counted("e_fq", "e_qp")));
    s.add(CubeStep.create("counted follow-ups", DUE, TableKind.ENGINE, CubeSql.due(GOAL, "e_fq")));
    steps.run(s);
  }

  /** The measures of every slice, from the engine's state ({@link #fullFacts}). */
  void fullMeasures() throws SQLException {
    List<CubeStep> s = new ArrayList<>();
    s.add(CubeStep.create("goal sums", "e_cf", cube.facts(COUNTED, GOAL, "1 = 1", 1)));
    s.add(CubeStep.create("goal sums", "e_df", CubeSql.dueFacts(DUE, GOAL, "1 = 1", 1)));
    s.addAll(cube.measures());
    s.add(CubeStep.create("attainment rows", "e_mn", CubeRowsSql.nullified("e_m")));
    steps.run(s);
  }

  /**
   * Creates the cube's slice rows from {@code e_mn} and the view named as the dataset over them
   * (the view was dropped at the start of the full refresh: {@link #dropCube}).
   */
  long fullCube(DatasetDefinition attainment) throws SQLException {
    String slices = CubeRowsSql.slicesTable(attainment.table());
    long n =
        steps.run(CubeStep.create(attainment.id(), slices, TableKind.DATASET, rows.slices("e_mn")));
    steps.execute(
        "CREATE VIEW " + attainment.table() + " AS\n" + rows.view(columns(attainment), slices));
    return n;
  }

  /**
   * Drops the cube's view (or the table of a store refreshed before the cube became a view): on
   * PostgreSQL it depends on the dimension tables that a full refresh re-creates.
   */
  void dropCube(DatasetDefinition attainment) throws SQLException {
    String type;
    try (ResultSet rs =
        steps
            .statement()
            .executeQuery(
                "SELECT table_type FROM information_schema.tables WHERE table_schema ="
                    + " current_schema() AND table_name = '"
                    + attainment.table()
                    + "'")) {
      type = rs.next() ? rs.getString(1) : null;
    }
    if (type != null) {
      steps.execute(
          (type.equalsIgnoreCase("VIEW") ? "DROP VIEW " : "DROP TABLE ") + attainment.table());
    }
  }

  long fullGoalFollowups(DatasetDefinition d) throws SQLException {
    return steps.run(
        CubeStep.create(d.id(), d.table(), TableKind.DATASET, DatasetSql.goalFollowups("e_fq")));
  }

  /**
   * The compliance table from the cube's slice rows, through the view's expressions without its
   * change columns (it has none; the view would join every slice with its previous period and year
   * for them: ADR 0032).
   */
  long compliance(DatasetDefinition d, String attainmentTable) throws SQLException {
    List<String> columns =
        rows.columns().stream().filter(c -> !CubeRowsSql.isChangeColumn(c)).toList();
    String source = "(\n" + rows.view(columns, CubeRowsSql.slicesTable(attainmentTable)) + "\n) a";
    return steps.run(
        CubeStep.create(
            d.id(), d.table(), TableKind.DATASET, DatasetSql.followupCompliance(source)));
  }

  /**
   * The change since the last refresh: the touched citizens' old facts (as last refreshed) with −1
   * and their facts now with +1, through the same measures SQL; then the engine's state updated.
   *
   * <p>Only the changed goals ({@code e_pg}, logged by ingest; goals are replaced, never deleted)
   * are read from the goal and follow-up tables and counted anew ({@code e_ngp}, {@code e_nc},
   * {@code e_nd}). The touched citizens' other goals did not change: their coded rows and counted
   * facts now are those as last refreshed ({@code e_og}, {@code e_oc}), so they are taken from the
   * engine's state, not recomputed (ADR 0029). Only the (period, citizen) groups whose facts differ
   * go on to the per-citizen step and the roll-up ({@link CubeChangeSql#changedGroups}); they are
   * found from the changed goals' facts alone, since an unchanged goal's old and new fact are the
   * same row and cancel.
   */
  void incrementalMeasures() throws SQLException {
    List<CubeStep> s = new ArrayList<>(touchedGoals());
    s.add(CubeStep.create("counted follow-ups", "e_fq", cube.followUpSequence("e_ngp")));
    s.add(CubeStep.create("counted follow-ups", "e_nc", CubeSql.counted("e_fq", "e_qp")));
    s.add(CubeStep.create("counted follow-ups", "e_nd", CubeSql.due("e_ngp", "e_fq")));
    s.addAll(changedFacts());
    s.addAll(cube.measuresBeforeOrgRollup());
    s.add(CubeStep.create("roll-up", "e_dm", change().change()));
    steps.run(s);
  }

  /** Not one of the changed goals ({@code g}: a goal row of the engine's state). */
  private static final String UNCHANGED =
      "NOT EXISTS (SELECT 1 FROM e_pg p WHERE p.goal_id = g.goal_id)";

  /**
   * The changed goals' rows ({@code e_pgr}, one read of the goal table), the touched citizens
   * (their owners now and as last refreshed), the touched citizens' goals as last refreshed ({@code
   * e_og}; the changed ones among them {@code e_pog}) and the changed goals coded anew ({@code
   * e_ngp}; the others are as they were).
   */
  private List<CubeStep> touchedGoals() {
    List<CubeStep> s = new ArrayList<>();
    String stage = "touched citizens";
    s.add(
        CubeStep.create(
            stage,
            "e_pg",
            "SELECT DISTINCT id AS goal_id FROM " + PENDING + " WHERE kind = 'goal'"));
    s.add(
        CubeStep.create(
            stage, "e_pgr", "SELECT g.* FROM goal g JOIN e_pg p ON p.goal_id = g.goal_id"));
    s.add(
        CubeStep.create(
            stage,
            "e_tk",
            "SELECT citizen_key FROM e_pgr UNION SELECT c.citizen_key FROM "
                + GOAL
                + " eg JOIN e_pg p ON p.goal_id = eg.goal_id JOIN "
                + CITIZEN
                + " c ON c.cno = eg.cno"));
    s.add(
        CubeStep.run(
            stage,
            "INSERT INTO "
                + CITIZEN
                + " (citizen_key, cno) SELECT k.citizen_key, CAST(m.mx + ROW_NUMBER() OVER (ORDER"
                + " BY k.citizen_key) AS INTEGER) FROM e_tk k CROSS JOIN (SELECT COALESCE(MAX(cno),"
                + " 0) AS mx FROM "
                + CITIZEN
                + ") m WHERE NOT EXISTS (SELECT 1 FROM "
                + CITIZEN
                + " c WHERE c.citizen_key = k.citizen_key)"));
    s.add(
        CubeStep.create(
            stage,
            "e_tc",
            "SELECT c.citizen_key, c.cno FROM "
                + CITIZEN
                + " c JOIN e_tk k ON k.citizen_key = c.citizen_key"));
    s.add(
        CubeStep.create(
            stage,
            "e_og",
            "SELECT eg.* FROM " + GOAL + " eg WHERE eg.cno IN (SELECT cno FROM e_tc)"));
    s.add(
        CubeStep.create(
            stage, "e_pog", "SELECT o.* FROM e_og o JOIN e_pg p ON p.goal_id = o.goal_id"));
    s.add(
        CubeStep.create(
            stage,
            "e_gno",
            "SELECT g.goal_id, CAST(COALESCE(o.gno, m.mx + ROW_NUMBER() OVER (ORDER BY g.goal_id))"
                + " AS INTEGER) AS gno FROM e_pgr g LEFT JOIN e_pog o ON o.goal_id = g.goal_id"
                + " CROSS JOIN (SELECT COALESCE(MAX(gno), 0) AS mx FROM "
                + GOAL
                + ") m"));
    s.add(
        CubeStep.create(
            stage,
            "e_ngp",
            cube.codedGoals(
                "e_pgr", "e_tc", "n.gno", "JOIN e_gno n ON n.goal_id = g.goal_id", "1 = 1")));
    return s;
  }

  /**
   * The touched goals' counted facts as last refreshed ({@code e_oc}), the (period, citizen) groups
   * whose facts change ({@code e_cx}, from the changed goals' facts: {@code e_pf}), the signed
   * facts of those groups ({@code e_cf}: every goal of the group, old with −1 and now with +1) and
   * the changed goals' signed compliance facts ({@code e_df}: they add up over goals).
   */
  private List<CubeStep> changedFacts() {
    List<CubeStep> s = new ArrayList<>();
    String stage = "goal sums";
    s.add(
        CubeStep.create(
            stage,
            "e_oc",
            "SELECT c.pid, c.gno, c.score FROM " + COUNTED + " c JOIN e_og g ON g.gno = c.gno"));
    s.add(
        CubeStep.create(
            stage,
            "e_pf",
            cube.facts("e_oc", "e_pog", "1 = 1", -1)
                + "\nUNION ALL\n"
                + cube.facts("e_nc", "e_ngp", "1 = 1", 1)));
    s.add(CubeStep.create(stage, "e_cx", CubeChangeSql.changedGroups("e_pf")));
    s.add(
        CubeStep.create(
            stage,
            "e_cf",
            CubeChangeSql.factsOfChangedGroups(
                "(\n"
                    + cube.facts("e_oc", "e_og", "1 = 1", -1)
                    + "\nUNION ALL\n"
                    + cube.facts("e_oc", "e_og", UNCHANGED, 1)
                    + "\nUNION ALL\n"
                    + cube.facts("e_nc", "e_ngp", "1 = 1", 1)
                    + ")",
                "e_cx")));
    s.add(
        CubeStep.create(
            stage,
            "e_df",
            CubeSql.dueFacts(DUE, "e_pog", "1 = 1", -1)
                + "\nUNION ALL\n"
                + CubeSql.dueFacts("e_nd", "e_ngp", "1 = 1", 1)));
    return s;
  }

  /**
   * Applies {@code e_dm} (the change) to the cube's slice rows on packed slice keys ({@link
   * CubeChangeSql}): only the changed slices are rewritten; the view derives every figure, the
   * change columns included, on read (ADR 0032).
   */
  long applyToCube(DatasetDefinition attainment) throws SQLException {
    CubeChangeSql change = change();
    String slices = CubeRowsSql.slicesTable(attainment.table());
    String stage = attainment.id();
    List<CubeStep> s = new ArrayList<>();
    s.add(CubeStep.create(stage, "e_mn", change.updated(slices)));
    s.add(CubeStep.run(stage, change.deleteChanged(slices)));
    s.add(CubeStep.run(stage, change.insertChanged(slices)));
    steps.run(s);
    return steps.count("e_dm");
  }

  /**
   * Whether the slice rows hold the change columns that versions before ADR 0032 stored (the view
   * now derives them on read, so such rows are rewritten by a full refresh).
   */
  static boolean storesChangeColumns(Statement s, String slices) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT * FROM " + slices + " WHERE 1 = 0")) {
      java.sql.ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        if (md.getColumnName(i).toLowerCase(java.util.Locale.ROOT).endsWith("_change_prev")) {
          return true;
        }
      }
      return false;
    }
  }

  private CubeChangeSql change() {
    return new CubeChangeSql(dictionaries.sliceKey().orElseThrow(), rows, cube);
  }

  /** Rewrites the changed goals' rows of the drill-down ({@code e_fq}: their follow-ups now). */
  long applyToGoalFollowups(DatasetDefinition d) throws SQLException {
    steps.stage(d.id());
    steps.execute("DELETE FROM " + d.table() + " WHERE goal_id IN (SELECT goal_id FROM e_pg)");
    steps.execute(
        "INSERT INTO "
            + d.table()
            + " SELECT * FROM ("
            + DatasetSql.goalFollowups("e_fq", "e_pgr")
            + ") x");
    return steps.count("e_ngp");
  }

  /**
   * The engine's state of the changed goals replaced by their new facts (the touched citizens'
   * other goals kept theirs); the log emptied.
   */
  void updateState() throws SQLException {
    steps.stage("engine state");
    for (String table : List.of(COUNTED, DUE, GOAL)) {
      steps.execute("DELETE FROM " + table + " WHERE gno IN (SELECT gno FROM e_pog)");
    }
    steps.execute("INSERT INTO " + COUNTED + " (pid, gno, score) SELECT pid, gno, score FROM e_nc");
    steps.execute(
        "INSERT INTO "
            + DUE
            + " (gno, due_qk, first_qk, on_time) SELECT gno, due_qk, first_qk, on_time FROM e_nd");
    steps.execute(
        "INSERT INTO "
            + GOAL
            + " (goal_id, gno, cno, au, pu, cell, base, target, due_qk, due_date) SELECT goal_id,"
            + " gno, cno, au, pu, cell, base, target, due_qk, due_date FROM e_ngp");
    steps.execute("DELETE FROM " + PENDING);
  }
}
