package dk.goalattainment.connector.core.engine;

import static dk.goalattainment.connector.core.engine.CubeTables.PERIOD;

import dk.goalattainment.connector.core.semantic.Measure;
import java.util.ArrayList;
import java.util.List;

/**
 * How an incremental refresh applies the change of the cube's measures (the touched citizens' new
 * facts minus their old ones, rolled up to the org ancestors on packed keys: {@link
 * CubeSql#keyedOrgRollup}) to the slice rows ({@link CubeRowsSql}), joining on one packed key per
 * slice ({@link SliceKey}, ADR 0021):
 *
 * <ol>
 *   <li>{@code e_dm}: the slices whose measures change, keyed, with the change;
 *   <li>{@code e_tgt}: the slice rows to rewrite: those, and the slices whose change columns
 *       compare with one of them (the next period, a year later: {@code e_dep});
 *   <li>{@code e_mn}: the measures of every slice after the change (the stored ones plus the
 *       change), null where a side is empty, slices left empty left out;
 *   <li>the target rows deleted and inserted anew from {@code e_mn}, their change columns against
 *       {@code e_mn}.
 * </ol>
 */
public final class CubeChangeSql {
  private final SliceKey key;
  private final CubeRowsSql rows;
  private final CubeSql cube;

  public CubeChangeSql(SliceKey key, CubeRowsSql rows, CubeSql cube) {
    this.key = key;
    this.rows = rows;
    this.cube = cube;
  }

  /**
   * The (period, citizen) groups of signed counted facts ({@link CubeSql#facts}, old with −1, new
   * with +1) whose old and new facts differ: {@code pid, cno}. A group whose facts are the same
   * before and after (the touched citizen's other periods, mostly) adds exactly nothing to any
   * measure (every contribution is a function of the group's facts), so only these groups need to
   * go through the per-citizen step and the roll-up.
   */
  public static String changedGroups(String facts) {
    return """
        SELECT DISTINCT pid, cno FROM (
          SELECT pid, cno, au, pu, cell, met, prog, dist
          FROM %s
          GROUP BY pid, cno, au, pu, cell, met, prog, dist
          HAVING SUM(sign) <> 0) t"""
        .formatted(facts);
  }

  /** The facts of the changed groups only ({@link #changedGroups} in {@code groups}). */
  public static String factsOfChangedGroups(String facts, String groups) {
    return "SELECT f.* FROM %s f JOIN %s x ON x.pid = f.pid AND x.cno = f.cno"
        .formatted(facts, groups);
  }

  /**
   * {@code e_dm}: the change's slices with a measure not 0: {@code k, pid, via, node, cell, sums}.
   */
  public String change() {
    List<String> nonZero = new ArrayList<>();
    List<String> sums = new ArrayList<>();
    for (Measure m : Measure.values()) {
      nonZero.add(CubeSql.measure(m, "d") + " <> 0");
      sums.add(CubeSql.measure(m, "d"));
    }
    return "SELECT d.k, %s AS pid, %s AS via, %s AS node, %s AS cell, "
            .formatted(key.pid("d.k"), key.via("d.k"), key.node("d.k"), key.cell("d.k"))
        + String.join(", ", sums)
        + "\nFROM ("
        + cube.keyedOrgRollup(key)
        + ") d\nWHERE "
        + String.join(" OR ", nonZero);
  }

  /**
   * {@code e_dep (pid, tpid)}: the periods whose slice rows a change in period {@code pid}
   * rewrites: itself and those that compare with it (as their previous period or a year earlier).
   */
  public static String dependentPeriods() {
    return """
        SELECT pid, pid AS tpid FROM %1$s
        UNION SELECT prev_pid, pid FROM %1$s WHERE prev_pid > 0
        UNION SELECT yoy_pid, pid FROM %1$s WHERE yoy_pid > 0"""
        .formatted(PERIOD);
  }

  /** {@code e_tgt (k)}: the slice rows to rewrite. */
  public String targets() {
    return "SELECT DISTINCT "
        + key.withPid("d.k", "e.tpid")
        + " AS k\nFROM e_dm d JOIN e_dep e ON e.pid = d.pid";
  }

  /**
   * {@code e_mn}: every slice's measures after the change, of {@link CubeRowsSql#nullified} shape
   * with its key {@code k}: the stored measures (null read as 0) plus the change (0 where none).
   */
  public String updated(String slicesTable) {
    List<String> cols = new ArrayList<>();
    List<String> stored = new ArrayList<>();
    for (Measure m : Measure.values()) {
      stored.add(m.column());
      Measure presence = Measure.presence(m.side());
      cols.add(
          "CASE WHEN %s <> 0 THEN %s END AS %s".formatted(after(presence), after(m), m.column()));
    }
    return """
        SELECT COALESCE(s.k, d.k) AS k, COALESCE(s.pid, d.pid) AS pid, COALESCE(s.via, d.via) AS via,
               COALESCE(s.node, d.node) AS node, COALESCE(s.cell, d.cell) AS cell,
               %1$s
        FROM (SELECT %2$s AS k, pid, via, node, cell, %3$s FROM %4$s a) s
        FULL JOIN e_dm d ON d.k = s.k
        WHERE %5$s <> 0 OR %6$s <> 0"""
        .formatted(
            String.join(",\n       ", cols),
            key.ofColumns("a"),
            String.join(", ", stored),
            slicesTable,
            after(Measure.GOALS_FOLLOWED_UP),
            after(Measure.GOALS_DUE));
  }

  /** A measure after the change: stored (null as 0) plus the change (0 where none). */
  private static String after(Measure m) {
    return "(COALESCE(s.%s, 0) + COALESCE(%s, 0))".formatted(m.column(), CubeSql.measure(m, "d"));
  }

  /** Deletes the target rows ({@code e_tgt}) from the slice rows. */
  public String deleteTargets(String slicesTable) {
    return "DELETE FROM %s WHERE %s IN (SELECT k FROM e_tgt)"
        .formatted(slicesTable, key.ofColumns(slicesTable));
  }

  /** Inserts the target rows anew from {@code e_mn}, their change columns computed. */
  public String insertTargets(String slicesTable) {
    return "INSERT INTO "
        + slicesTable
        + "\n"
        + rows.sliceColumns()
        + "\nFROM e_mn m\nJOIN e_tgt t ON t.k = m.k\nJOIN "
        + PERIOD
        + " ep ON ep.pid = m.pid\nLEFT JOIN e_mn pv ON pv.k = "
        + key.withPid("m.k", "ep.prev_pid")
        + "\nLEFT JOIN e_mn yy ON yy.k = "
        + key.withPid("m.k", "ep.yoy_pid");
  }
}
