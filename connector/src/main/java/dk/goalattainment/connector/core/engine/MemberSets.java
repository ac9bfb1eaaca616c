package dk.goalattainment.connector.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Möbius subsets of {@link CubeSql} ({@code e_sets}) for a database that evaluates expressions
 * a row at a time ({@link dk.goalattainment.connector.core.semantic.SqlSyntax#evaluatesRowByRow},
 * ADR 0024): the same sets, with each member's fields decoded once per (period, citizen) group
 * instead of once per set and use, a set's membership applied by arithmetic with neutral values
 * instead of a {@code CASE} per member and field, the subsets joined by the group's size (an
 * equi-join) instead of a filtered nested loop, and the join of the set's cells computed once here
 * ({@code jc}) instead of twice in the corrections.
 *
 * <p>Why the figures are the same: a member outside the set gets its unit plus {@code unitMask + 1}
 * for the minimum (above every unit) and minus it for the maximum (below every unit), its cell
 * OR-ed with all ones for the AND (neutral) and AND-ed with zero for the OR (neutral), and its met
 * bit times 0 for the count; a set has at least two members, so every minimum and maximum is a
 * member's. Members beyond the group's size are 0 and never in a set (the subsets of size {@code j}
 * use positions ≤ {@code j}).
 */
final class MemberSets {
  private final CubeLayout layout;

  MemberSets(CubeLayout layout) {
    this.layout = layout;
  }

  /**
   * The join of a set's cells from the AND ({@code cand}) and the OR ({@code cor}) of its members'
   * cells: each field kept where every member agrees.
   */
  String joinCell(String cand, String cor) {
    String diff = "(" + cor + " - " + cand + ")";
    List<String> keep = new ArrayList<>();
    for (long mask :
        new long[] {layout.tgMask(), layout.egMask(), layout.ltMask(), layout.gtMask()}) {
      keep.add("CASE WHEN (%s & %d) = 0 THEN %d ELSE 0 END".formatted(diff, mask, mask));
    }
    return "(" + cand + " & (" + String.join(" | ", keep) + "))";
  }

  /**
   * Every subset of ≥ 2 counted goals of a citizen in a period ({@code j ≤ maxSet}) from {@code
   * e_pc}: {@code pid, sign, t, k, amin, amax, pmin, pmax, jc} (jc: the join of the set's cells).
   */
  String sets(int maxSet) {
    long unit = layout.unitMask();
    long cell = layout.cellMask();
    List<Integer> pos = IntStream.rangeClosed(1, maxSet).boxed().toList();
    String loaded = each(pos, i -> "COALESCE(ms[%1$d], 0) AS g%1$d".formatted(i), ", ");
    String decoded =
        String.join(
            ",\n       ",
            each(pos, i -> field(i, "a", layout.memberAuthorityShift(), unit), ", "),
            each(pos, i -> field(i, "p", layout.memberProviderShift(), unit), ", "),
            each(pos, i -> field(i, "c", layout.memberCellShift(), cell), ", "),
            each(pos, i -> "g%1$d & 1 AS m%1$d".formatted(i), ", "));
    String neutral =
        each(pos, i -> "s.p%1$d AS x%1$d".formatted(i), ", ")
            + ",\n         "
            + each(pos, i -> "(1 - s.p%1$d) * %2$d AS o%1$d".formatted(i, unit + 1), ", ")
            + ",\n         "
            + each(pos, i -> "(1 - s.p%1$d) * %2$d AS n%1$d".formatted(i, cell), ", ")
            + ",\n         "
            + each(pos, i -> "s.p%1$d * %2$d AS y%1$d".formatted(i, cell), ", ");
    String sizes = each(IntStream.rangeClosed(2, maxSet).boxed().toList(), "(%d)"::formatted, ", ");
    return """
        SELECT pid, sign, t, k, amin, amax, pmin, pmax, %1$s AS jc
        FROM (
          SELECT m.pid, m.sign, s.t, %2$s AS k,
                 LEAST(%3$s) AS amin, GREATEST(%4$s) AS amax,
                 LEAST(%5$s) AS pmin, GREATEST(%6$s) AS pmax,
                 %7$s AS cand, %8$s AS cor
          FROM (
            SELECT pid, sign, j, %9$s
            FROM (SELECT pid, sign, j, %10$s FROM e_pc WHERE j <= %11$d OFFSET 0) g
            OFFSET 0
          ) m
          JOIN (
            SELECT z.j, s.t, %12$s
            FROM e_sub s JOIN (VALUES %13$s) z(j) ON s.maxpos <= z.j
          ) s ON s.j = m.j
          OFFSET 0
        ) x"""
        .formatted(
            joinCell("cand", "cor"),
            each(pos, i -> "m.m%1$d * s.x%1$d".formatted(i), " + "),
            each(pos, i -> "m.a%1$d + s.o%1$d".formatted(i), ", "),
            each(pos, i -> "m.a%1$d - s.o%1$d".formatted(i), ", "),
            each(pos, i -> "m.p%1$d + s.o%1$d".formatted(i), ", "),
            each(pos, i -> "m.p%1$d - s.o%1$d".formatted(i), ", "),
            each(pos, i -> "(m.c%1$d | s.n%1$d)".formatted(i), " & "),
            each(pos, i -> "(m.c%1$d & s.y%1$d)".formatted(i), " | "),
            decoded,
            loaded,
            maxSet,
            neutral,
            sizes);
  }

  private static String field(int i, String name, int shift, long mask) {
    return "(g%1$d >> %2$d) & %3$d AS %4$s%1$d".formatted(i, shift, mask, name);
  }

  private static String each(
      List<Integer> positions, java.util.function.IntFunction<String> f, String separator) {
    return positions.stream().map(f::apply).collect(Collectors.joining(separator));
  }
}
