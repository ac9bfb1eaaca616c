package dk.goalattainment.connector.core.engine;

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
 *   <li>{@code e_mn}: their measures after the change (the stored ones plus the change), null where
 *       a side is empty, slices left empty left out;
 *   <li>the changed slice rows deleted and inserted anew from {@code e_mn}. The slice rows hold
 *       measures only; the view derives the change columns on read (ADR 0032), so no other slice
 *       row is rewritten.
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
   * {@code e_mn}: the changed slices' measures after the change ({@code e_dm}), of {@link
   * CubeRowsSql#nullified} shape: the stored measures (null read as 0) plus the change; slices left
   * empty left out (they are only deleted).
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
        SELECT d.pid, d.via, d.node, d.cell,
               %1$s
        FROM e_dm d
        LEFT JOIN (SELECT %2$s AS k, %3$s FROM %4$s a) s ON s.k = d.k
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

  /** Deletes the changed slices ({@code e_dm}) from the slice rows. */
  public String deleteChanged(String slicesTable) {
    return "DELETE FROM %s WHERE %s IN (SELECT k FROM e_dm)"
        .formatted(slicesTable, key.ofColumns(slicesTable));
  }

  /** Inserts the changed slices anew from {@code e_mn} (those not left empty). */
  public String insertChanged(String slicesTable) {
    List<String> cols = new ArrayList<>(List.of("pid", "via", "node", "cell"));
    for (Measure m : Measure.values()) {
      cols.add(m.column());
    }
    String list = String.join(", ", cols);
    return "INSERT INTO %s (%s)\nSELECT %s FROM e_mn".formatted(slicesTable, list, list);
  }
}
