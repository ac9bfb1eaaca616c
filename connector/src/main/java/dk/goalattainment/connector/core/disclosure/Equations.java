package dk.goalattainment.connector.core.disclosure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The group equations of one table, indexed: {@code total − Σ members − remainder = 0} for every
 * additive count. Finds the withheld values that published values determine, by exact Gauss–Jordan
 * elimination over the unknowns (integer rows, normalised by their gcd), component by component.
 */
final class Equations {
  final List<CellKey> keys;
  final List<AdditiveGroup> groups;
  final List<String> countNames;
  final int[] total;
  final int[][] members;
  final boolean[] remainder;
  final int[][] groupsOf;

  Equations(List<CellKey> keys, List<AdditiveGroup> groups, List<String> countNames) {
    this.keys = List.copyOf(keys);
    this.groups = List.copyOf(groups);
    this.countNames = List.copyOf(countNames);
    Map<CellKey, Integer> index = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (index.put(keys.get(i), i) != null) {
        throw new IllegalArgumentException("two cells have the key " + keys.get(i));
      }
    }
    int n = groups.size();
    total = new int[n];
    members = new int[n][];
    remainder = new boolean[n];
    List<List<Integer>> of = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      of.add(new ArrayList<>());
    }
    for (int g = 0; g < n; g++) {
      AdditiveGroup group = groups.get(g);
      total[g] = indexOf(index, group.total(), group);
      members[g] = new int[group.members().size()];
      for (int j = 0; j < members[g].length; j++) {
        members[g][j] = indexOf(index, group.members().get(j), group);
        of.get(members[g][j]).add(g);
      }
      of.get(total[g]).add(g);
      remainder[g] = group.remainder();
    }
    groupsOf = new int[keys.size()][];
    for (int i = 0; i < keys.size(); i++) {
      groupsOf[i] = of.get(i).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }
  }

  private static int indexOf(Map<CellKey, Integer> index, CellKey key, AdditiveGroup group) {
    Integer i = index.get(key);
    if (i == null) {
      throw new IllegalArgumentException(
          "group " + group + " names a cell not in the table: " + key);
    }
    return i;
  }

  /** Number of withheld cells in a group's equation, counting the total and any remainder. */
  int unknowns(int g, boolean[] withheld) {
    int u = (withheld[total[g]] ? 1 : 0) + (remainder[g] ? 1 : 0);
    for (int m : members[g]) {
      if (withheld[m]) {
        u++;
      }
    }
    return u;
  }

  /** A recovered unknown: a cell ({@code cell >= 0}) or the remainder of group {@code group}. */
  record Finding(Recovery.Kind kind, int cell, int group, int count, long value) {}

  /**
   * Every withheld value (cell or remainder) that the published values determine.
   *
   * @param withheld which cells are unknown to the attacker
   * @param values {@code [cell][count]}; read only where the cell is published
   * @param dirty when not null, only the components of unknowns that hold one of these groups are
   *     solved (the others are known to have no finding that more suppression could change)
   */
  List<Finding> recoveries(boolean[] withheld, long[][] values, boolean[] dirty) {
    int counts = countNames.size();
    // Variables: withheld cells, then remainders.
    int[] varOfCell = new int[keys.size()];
    Arrays.fill(varOfCell, -1);
    List<int[]> vars = new ArrayList<>(); // {cell, group}
    for (int i = 0; i < keys.size(); i++) {
      if (withheld[i]) {
        varOfCell[i] = vars.size();
        vars.add(new int[] {i, -1});
      }
    }
    int[] varOfRemainder = new int[groups.size()];
    Arrays.fill(varOfRemainder, -1);
    for (int g = 0; g < groups.size(); g++) {
      if (remainder[g]) {
        varOfRemainder[g] = vars.size();
        vars.add(new int[] {-1, g});
      }
    }
    // Equations with at least one unknown; union-find joins the unknowns they share.
    int[] parent = new int[vars.size()];
    for (int v = 0; v < parent.length; v++) {
      parent[v] = v;
    }
    List<LongRow> rows = new ArrayList<>();
    List<Integer> rowGroup = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      TreeMap<Integer, Long> coef = new TreeMap<>();
      long[] rhs = new long[counts];
      addTerm(coef, rhs, total[g], 1, withheld, values, varOfCell);
      for (int m : members[g]) {
        addTerm(coef, rhs, m, -1, withheld, values, varOfCell);
      }
      if (remainder[g]) {
        coef.merge(varOfRemainder[g], -1L, Long::sum);
      }
      coef.values().removeIf(v -> v == 0);
      if (coef.isEmpty()) {
        continue;
      }
      LongRow row = LongRow.of(coef, rhs);
      for (int v : row.cols) {
        union(parent, row.cols[0], v);
      }
      rows.add(row);
      rowGroup.add(g);
    }
    Map<Integer, List<LongRow>> components = new LinkedHashMap<>();
    Map<Integer, Boolean> touched = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      int root = find(parent, rows.get(i).cols[0]);
      components.computeIfAbsent(root, k -> new ArrayList<>()).add(rows.get(i));
      touched.merge(root, dirty == null || dirty[rowGroup.get(i)], Boolean::logicalOr);
    }
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<Integer, List<LongRow>> e : components.entrySet()) {
      if (!touched.get(e.getKey())) {
        continue;
      }
      solve(e.getValue(), counts, vars, findings);
    }
    findings.sort(
        (x, y) -> {
          int cx = x.cell() >= 0 ? x.cell() : keys.size() + x.group();
          int cy = y.cell() >= 0 ? y.cell() : keys.size() + y.group();
          if (cx != cy) {
            return Integer.compare(cx, cy);
          }
          if (x.kind() != y.kind()) {
            return x.kind().compareTo(y.kind());
          }
          return Integer.compare(x.count(), y.count());
        });
    return findings;
  }

  /**
   * Reduces one component of equations (in {@code long}, or in {@code BigInteger} when that
   * overflows) and adds what it determines: an unknown alone in a row (linear), or unknowns that
   * add up to zero with positive coefficients (each is zero, sign-forced).
   */
  private static void solve(
      List<LongRow> component, int counts, List<int[]> vars, List<Finding> findings) {
    component.sort(Comparator.comparingInt((LongRow r) -> r.cols.length));
    List<BigRow> reduced;
    try {
      reduced = reduce(component).stream().map(LongRow::toBig).toList();
    } catch (ArithmeticException overflow) {
      reduced = reduce(component.stream().map(LongRow::toBig).toList());
    }
    for (BigRow r : reduced) {
      if (r.cols.length == 1) {
        for (int c = 0; c < counts; c++) {
          long value = r.rhs[c].divide(r.a[0]).longValueExact();
          findings.add(finding(Recovery.Kind.LINEAR, vars.get(r.cols[0]), c, value));
        }
      } else if (Arrays.stream(r.a).allMatch(a -> a.signum() > 0)) {
        for (int c = 0; c < counts; c++) {
          if (r.rhs[c].signum() == 0) {
            for (int v : r.cols) {
              findings.add(finding(Recovery.Kind.SIGN_FORCED, vars.get(v), c, 0));
            }
          }
        }
      }
    }
  }

  private static Finding finding(Recovery.Kind kind, int[] var, int count, long value) {
    return new Finding(kind, var[0], var[1], count, value);
  }

  private static void addTerm(
      Map<Integer, Long> coef,
      long[] rhs,
      int cell,
      int sign,
      boolean[] withheld,
      long[][] values,
      int[] varOfCell) {
    if (withheld[cell]) {
      coef.merge(varOfCell[cell], (long) sign, Long::sum);
    } else {
      for (int c = 0; c < rhs.length; c++) {
        rhs[c] = Math.subtractExact(rhs[c], sign * values[cell][c]);
      }
    }
  }

  /**
   * Gauss–Jordan elimination, one row at a time: each new row is reduced by the pivots so far; if
   * anything is left, one of its unknowns becomes a pivot (made positive) and is eliminated from
   * the earlier rows. To limit fill-in the pivot is the unknown held by the fewest earlier rows
   * (then the smallest). The result is a reduced row echelon form, each row scaled to coprime
   * integers.
   */
  static <R extends IntRow<R>> List<R> reduce(List<R> rows) {
    Map<Integer, Integer> pivotRow = new HashMap<>();
    Map<Integer, Set<Integer>> holders = new HashMap<>();
    List<R> basis = new ArrayList<>();
    for (R input : rows) {
      R r = input;
      List<Integer> pivots = new ArrayList<>();
      for (int col : r.cols()) {
        if (pivotRow.containsKey(col)) {
          pivots.add(col);
        }
      }
      for (int col : pivots) {
        r = r.eliminate(basis.get(pivotRow.get(col)), col);
      }
      int[] cols = r.cols();
      if (cols.length == 0) {
        continue; // dependent (in a consistent table its right-hand side is zero too)
      }
      int best = 0;
      int fewest = Integer.MAX_VALUE;
      for (int i = 0; i < cols.length; i++) {
        int held = holders.getOrDefault(cols[i], Set.of()).size();
        if (held < fewest) {
          fewest = held;
          best = i;
        }
      }
      if (r.signAt(best) < 0) {
        r = r.negate();
      }
      int col = cols[best];
      for (int i : new ArrayList<>(holders.getOrDefault(col, Set.of()))) {
        R q = basis.get(i);
        R reduced = q.eliminate(r, col);
        for (int c : q.cols()) {
          holders.get(c).remove(i);
        }
        for (int c : reduced.cols()) {
          holders.computeIfAbsent(c, k -> new HashSet<>()).add(i);
        }
        basis.set(i, reduced);
      }
      int index = basis.size();
      for (int c : r.cols()) {
        holders.computeIfAbsent(c, k -> new HashSet<>()).add(index);
      }
      pivotRow.put(col, index);
      basis.add(r);
    }
    return basis;
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  /** A sparse integer row: sorted unknowns with non-zero coefficients, one rhs per count. */
  interface IntRow<R extends IntRow<R>> {
    int[] cols();

    int signAt(int i);

    R negate();

    /** {@code a·this − b·p}, {@code a = p[col] > 0}, {@code b = this[col]}: drops {@code col}. */
    R eliminate(R p, int col);
  }

  /** Rows in {@code long}; any overflow throws {@link ArithmeticException}. */
  static final class LongRow implements IntRow<LongRow> {
    final int[] cols;
    final long[] a;
    final long[] rhs;

    LongRow(int[] cols, long[] a, long[] rhs) {
      this.cols = cols;
      this.a = a;
      this.rhs = rhs;
    }

    static LongRow of(TreeMap<Integer, Long> coef, long[] rhs) {
      int[] cols = coef.keySet().stream().mapToInt(Integer::intValue).toArray();
      long[] a = coef.values().stream().mapToLong(Long::longValue).toArray();
      return new LongRow(cols, a, rhs.clone()).normalised();
    }

    @Override
    public int[] cols() {
      return cols;
    }

    @Override
    public int signAt(int i) {
      return Long.signum(a[i]);
    }

    @Override
    public LongRow negate() {
      long[] na = new long[a.length];
      long[] nr = new long[rhs.length];
      for (int i = 0; i < a.length; i++) {
        na[i] = Math.negateExact(a[i]);
      }
      for (int c = 0; c < rhs.length; c++) {
        nr[c] = Math.negateExact(rhs[c]);
      }
      return new LongRow(cols, na, nr);
    }

    @Override
    public LongRow eliminate(LongRow p, int col) {
      long x = p.a[Arrays.binarySearch(p.cols, col)];
      long y = a[Arrays.binarySearch(cols, col)];
      int[] oc = new int[cols.length + p.cols.length];
      long[] oa = new long[oc.length];
      int n = 0;
      int i = 0;
      int j = 0;
      while (i < cols.length || j < p.cols.length) {
        int ci = i < cols.length ? cols[i] : Integer.MAX_VALUE;
        int cj = j < p.cols.length ? p.cols[j] : Integer.MAX_VALUE;
        long v;
        int c;
        if (ci < cj) {
          c = ci;
          v = Math.multiplyExact(a[i++], x);
        } else if (cj < ci) {
          c = cj;
          v = Math.negateExact(Math.multiplyExact(p.a[j++], y));
        } else {
          c = ci;
          v = Math.subtractExact(Math.multiplyExact(a[i++], x), Math.multiplyExact(p.a[j++], y));
        }
        if (v != 0) {
          oc[n] = c;
          oa[n++] = v;
        }
      }
      long[] or = new long[rhs.length];
      for (int c = 0; c < rhs.length; c++) {
        or[c] = Math.subtractExact(Math.multiplyExact(rhs[c], x), Math.multiplyExact(p.rhs[c], y));
      }
      return new LongRow(Arrays.copyOf(oc, n), Arrays.copyOf(oa, n), or).normalised();
    }

    LongRow normalised() {
      long g = 0;
      for (long v : a) {
        g = gcd(g, v);
      }
      for (long v : rhs) {
        g = gcd(g, v);
      }
      if (g > 1) {
        for (int i = 0; i < a.length; i++) {
          a[i] /= g;
        }
        for (int c = 0; c < rhs.length; c++) {
          rhs[c] /= g;
        }
      }
      return this;
    }

    private static long gcd(long x, long y) {
      x = Math.abs(x);
      y = Math.abs(y);
      while (y != 0) {
        long t = x % y;
        x = y;
        y = t;
      }
      return x;
    }

    BigRow toBig() {
      BigInteger[] ba = new BigInteger[a.length];
      BigInteger[] br = new BigInteger[rhs.length];
      for (int i = 0; i < a.length; i++) {
        ba[i] = BigInteger.valueOf(a[i]);
      }
      for (int c = 0; c < rhs.length; c++) {
        br[c] = BigInteger.valueOf(rhs[c]);
      }
      return new BigRow(cols, ba, br);
    }
  }

  /** Rows in arbitrary precision: the exact fallback when a {@link LongRow} would overflow. */
  static final class BigRow implements IntRow<BigRow> {
    final int[] cols;
    final BigInteger[] a;
    final BigInteger[] rhs;

    BigRow(int[] cols, BigInteger[] a, BigInteger[] rhs) {
      this.cols = cols;
      this.a = a;
      this.rhs = rhs;
    }

    @Override
    public int[] cols() {
      return cols;
    }

    @Override
    public int signAt(int i) {
      return a[i].signum();
    }

    @Override
    public BigRow negate() {
      return new BigRow(
          cols,
          Arrays.stream(a).map(BigInteger::negate).toArray(BigInteger[]::new),
          Arrays.stream(rhs).map(BigInteger::negate).toArray(BigInteger[]::new));
    }

    @Override
    public BigRow eliminate(BigRow p, int col) {
      BigInteger x = p.a[Arrays.binarySearch(p.cols, col)];
      BigInteger y = a[Arrays.binarySearch(cols, col)];
      TreeMap<Integer, BigInteger> out = new TreeMap<>();
      for (int i = 0; i < cols.length; i++) {
        out.merge(cols[i], a[i].multiply(x), BigInteger::add);
      }
      for (int j = 0; j < p.cols.length; j++) {
        out.merge(p.cols[j], p.a[j].multiply(y).negate(), BigInteger::add);
      }
      out.values().removeIf(v -> v.signum() == 0);
      BigInteger[] or = new BigInteger[rhs.length];
      for (int c = 0; c < rhs.length; c++) {
        or[c] = rhs[c].multiply(x).subtract(p.rhs[c].multiply(y));
      }
      BigInteger g = BigInteger.ZERO;
      for (BigInteger v : out.values()) {
        g = g.gcd(v);
      }
      for (BigInteger v : or) {
        g = g.gcd(v);
      }
      BigInteger d = g.signum() == 0 ? BigInteger.ONE : g;
      return new BigRow(
          out.keySet().stream().mapToInt(Integer::intValue).toArray(),
          out.values().stream().map(v -> v.divide(d)).toArray(BigInteger[]::new),
          Arrays.stream(or).map(v -> v.divide(d)).toArray(BigInteger[]::new));
    }
  }
}
