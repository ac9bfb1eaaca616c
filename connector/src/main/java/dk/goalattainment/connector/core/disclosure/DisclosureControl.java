package dk.goalattainment.connector.core.disclosure;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Primary and secondary suppression of a table (domain.md §4, issue 6).
 *
 * <ol>
 *   <li><b>Primary</b>: a cell with fewer than {@code K} distinct citizens is withheld.
 *   <li><b>Secondary, per group</b> (iterated to a fixed point): in every group equation {@code
 *       total = Σ members (+ remainder)} the number of withheld cells must be 0 or at least 2,
 *       where an unpublished remainder (an org node's own part) counts as withheld. Where it is 1,
 *       the published member with the fewest citizens is withheld too (ties: the smaller sum of
 *       counts, then the smaller key); only when no member is published is the total withheld. A
 *       newly withheld cell puts every group it belongs to back on the work list. For a group whose
 *       total is published this is exactly the rule of §4; a group whose total is withheld is held
 *       to the same rule, because a withheld total with every member published would be their sum.
 *   <li><b>Secondary, across groups</b>: the per-group rule does not stop recovery by combining
 *       equations (e.g. row and column margins of a two-way table). The table is then solved by
 *       exact elimination over all equations, as {@link DisclosureAudit} does. For each withheld
 *       value that a linear combination determines, the published cell with the fewest citizens
 *       among the equations holding it is withheld (if those hold none, the search widens one
 *       withheld cell at a time). For each withheld count that the equations and non-negativity
 *       force to zero ("nobody in these small cells met a goal"), a published cell of the equations
 *       holding it whose count is above zero is withheld, when there is one. At most one cell is
 *       chosen per equation and round; then step 2 runs again, and so on until nothing more can be
 *       fixed. Zeros that remain are reported by the audit as warnings: mostly they follow from a
 *       published total whose count is zero, which says the same of all its parts.
 * </ol>
 *
 * The result is deterministic for a given input.
 */
public final class DisclosureControl {
  /** The default threshold: cells with fewer than 5 distinct citizens are withheld. */
  public static final int DEFAULT_THRESHOLD = 5;

  /** The lowest threshold allowed. */
  public static final int MIN_THRESHOLD = 3;

  private final int threshold;

  /**
   * @param threshold the minimum number of distinct citizens of a published cell
   * @throws ConnectorException ({@link ErrorCode#BAD_REQUEST}) when below {@link #MIN_THRESHOLD}
   */
  public DisclosureControl(int threshold) {
    this.threshold = checkThreshold(threshold);
  }

  /** Disclosure control with {@link #DEFAULT_THRESHOLD}. */
  public static DisclosureControl withDefaultThreshold() {
    return new DisclosureControl(DEFAULT_THRESHOLD);
  }

  static int checkThreshold(int threshold) {
    if (threshold < MIN_THRESHOLD) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST,
          "The suppression threshold must be at least "
              + MIN_THRESHOLD
              + " distinct citizens; got "
              + threshold
              + ".");
    }
    return threshold;
  }

  public int threshold() {
    return threshold;
  }

  /** Derives the groups ({@link AdditiveGroups#derive}) and applies disclosure control. */
  public DisclosureResult apply(Collection<TableCell> cells, OrgTree tree, Catalogue catalogue) {
    return apply(cells, AdditiveGroups.derive(cells, tree, catalogue));
  }

  /**
   * Applies disclosure control to cells whose additive groups are given.
   *
   * @throws ConnectorException ({@link ErrorCode#INTERNAL}) when cells carry different counts or a
   *     group names a cell that is not in the table
   */
  public DisclosureResult apply(Collection<TableCell> cells, List<AdditiveGroup> groups) {
    List<TableCell> input = List.copyOf(cells);
    List<TableCell> sorted = new ArrayList<>(input);
    sorted.sort(Comparator.comparing(TableCell::key));
    List<String> countNames =
        sorted.isEmpty() ? List.of() : List.copyOf(sorted.get(0).counts().keySet());
    int n = sorted.size();
    long[][] values = new long[n][];
    List<CellKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TableCell c = sorted.get(i);
      if (!c.counts().keySet().equals(new LinkedHashSet<>(countNames))) {
        throw new ConnectorException(
            ErrorCode.INTERNAL,
            "Inconsistent table: cells carry different counts: " + countNames + " and " + c.key());
      }
      keys.add(c.key());
      values[i] = countNames.stream().mapToLong(c::count).toArray();
    }
    Equations eq;
    try {
      eq = new Equations(keys, groups, countNames);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(ErrorCode.INTERNAL, "Inconsistent table: " + e.getMessage());
    }

    SuppressionReason[] reason = new SuppressionReason[n];
    boolean[] withheld = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (sorted.get(i).citizens() < threshold) {
        withheld[i] = true;
        reason[i] = SuppressionReason.PRIMARY;
      }
    }
    Comparator<Integer> fewestCitizens =
        Comparator.<Integer>comparingLong(i -> sorted.get(i).citizens())
            .thenComparingLong(i -> sum(values[i]))
            .thenComparing(i -> keys.get(i));

    boolean[] dirty = null; // first audit: every component
    while (true) {
      List<Integer> changed = holdEveryGroup(eq, withheld, reason, fewestCitizens);
      if (dirty != null) {
        for (int c : changed) {
          for (int g : eq.groupsOf[c]) {
            dirty[g] = true;
          }
        }
      }
      Set<Integer> picks = acrossGroups(eq, withheld, values, dirty, fewestCitizens);
      if (picks.isEmpty()) {
        break;
      }
      dirty = new boolean[eq.groups.size()];
      for (int p : picks) {
        withheld[p] = true;
        reason[p] = SuppressionReason.SECONDARY;
        for (int g : eq.groupsOf[p]) {
          dirty[g] = true;
        }
      }
    }

    Map<CellKey, SuppressionReason> reasons = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (withheld[i]) {
        reasons.put(keys.get(i), reason[i]);
      }
    }
    List<PublishedCell> out = new ArrayList<>(n);
    for (TableCell c : input) {
      SuppressionReason r = reasons.get(c.key());
      out.add(r == null ? PublishedCell.published(c) : PublishedCell.withheld(c, r));
    }
    return new DisclosureResult(threshold, out, groups);
  }

  /**
   * Step 2: no group equation may hold exactly one withheld value; iterated to a fixed point.
   * Returns the cells it withheld.
   */
  private static List<Integer> holdEveryGroup(
      Equations eq,
      boolean[] withheld,
      SuppressionReason[] reason,
      Comparator<Integer> fewestCitizens) {
    int groups = eq.groups.size();
    ArrayDeque<Integer> work = new ArrayDeque<>(groups);
    boolean[] queued = new boolean[groups];
    for (int g = 0; g < groups; g++) {
      work.add(g);
      queued[g] = true;
    }
    List<Integer> changed = new ArrayList<>();
    while (!work.isEmpty()) {
      int g = work.poll();
      queued[g] = false;
      if (eq.unknowns(g, withheld) != 1) {
        continue;
      }
      Integer pick = null;
      for (int m : eq.members[g]) {
        if (!withheld[m] && (pick == null || fewestCitizens.compare(m, pick) < 0)) {
          pick = m;
        }
      }
      if (pick == null) {
        pick = eq.total[g]; // the one unknown is the only member: withhold the total
      }
      withheld[pick] = true;
      reason[pick] = SuppressionReason.SECONDARY;
      changed.add(pick);
      for (int h : eq.groupsOf[pick]) {
        if (!queued[h]) {
          queued[h] = true;
          work.add(h);
        }
      }
    }
    return changed;
  }

  /** Step 3: cells to withhold so that the audit's recoveries stop; empty when none helps. */
  private static Set<Integer> acrossGroups(
      Equations eq,
      boolean[] withheld,
      long[][] values,
      boolean[] dirty,
      Comparator<Integer> fewestCitizens) {
    Set<Integer> picks = new LinkedHashSet<>();
    Set<Integer> touched = new HashSet<>();
    List<Equations.Finding> found = eq.recoveries(withheld, values, dirty);
    for (Equations.Finding f : found) {
      int[] holding = f.cell() >= 0 ? eq.groupsOf[f.cell()] : new int[] {f.group()};
      boolean alreadyChanged = false;
      for (int g : holding) {
        alreadyChanged |= touched.contains(g);
      }
      if (alreadyChanged) {
        continue; // a cell withheld this round already changes one of its equations
      }
      Integer best = pick(eq, holding, withheld, values, f, fewestCitizens);
      if (best != null) {
        picks.add(best);
        for (int g : eq.groupsOf[best]) {
          touched.add(g);
        }
      }
    }
    return picks;
  }

  /**
   * The published cell with the fewest citizens in the equations holding the unknown; if they hold
   * none, in the equations one withheld cell further, and so on (the unknown is then found through
   * other unknowns that published cells determine). Null when no published cell can help.
   */
  private static Integer pick(
      Equations eq,
      int[] holding,
      boolean[] withheld,
      long[][] values,
      Equations.Finding f,
      Comparator<Integer> fewestCitizens) {
    Set<Integer> seenGroups = new HashSet<>();
    Set<Integer> seenCells = new HashSet<>();
    List<Integer> layer = new ArrayList<>();
    for (int g : holding) {
      if (seenGroups.add(g)) {
        layer.add(g);
      }
    }
    if (f.cell() >= 0) {
      seenCells.add(f.cell());
    }
    while (!layer.isEmpty()) {
      Integer best = null;
      List<Integer> next = new ArrayList<>();
      for (int g : layer) {
        List<Integer> cells = new ArrayList<>();
        cells.add(eq.total[g]);
        for (int m : eq.members[g]) {
          cells.add(m);
        }
        for (int c : cells) {
          if (withheld[c]) {
            if (seenCells.add(c)) {
              for (int h : eq.groupsOf[c]) {
                if (seenGroups.add(h)) {
                  next.add(h);
                }
              }
            }
          } else if ((f.kind() == Recovery.Kind.LINEAR || values[c][f.count()] > 0)
              && (best == null || fewestCitizens.compare(c, best) < 0)) {
            best = c;
          }
        }
      }
      if (best != null) {
        return best;
      }
      if (f.kind() == Recovery.Kind.SIGN_FORCED) {
        return null; // only the equations holding the zero are tried
      }
      layer = next;
    }
    return null;
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }
}
