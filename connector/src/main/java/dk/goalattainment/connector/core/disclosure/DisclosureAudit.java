package dk.goalattainment.connector.core.disclosure;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An independent check of a table after disclosure control, for tests and as a safety net before
 * anything is published.
 *
 * <p>It plays the attacker who knows every published value and every group equation ({@code total =
 * Σ members + remainder}, for each additive count, where an org node's unpublished own part is the
 * remainder). The withheld values and remainders are the unknowns. All equations are taken together
 * — not one group at a time — and reduced by exact Gauss–Jordan elimination over the integers
 * (arbitrary precision, rows normalised by their gcd), per connected component of unknowns. An
 * unknown is <b>recovered</b> when the reduced system holds a row with that unknown alone: exactly
 * when its unit vector lies in the row space, i.e. when some linear combination of the equations
 * determines it whatever the other unknowns are. It also reports, as <b>forced to zero</b>, the
 * unknowns of a reduced row whose coefficients are all positive and whose right-hand side is zero
 * (counts cannot be negative); this second check is sound but not complete (it looks at the reduced
 * rows only, not at every combination, and it does not use bounds such as {@code goals_met <=
 * goals_followed_up}).
 *
 * <p>Finally, every published cell must have at least {@code K} citizens, and a withheld cell must
 * show no figure.
 */
public final class DisclosureAudit {
  private DisclosureAudit() {}

  /**
   * The outcome of an audit.
   *
   * @param threshold the threshold checked against
   * @param belowThreshold published cells with fewer than {@code threshold} citizens (or none
   *     given)
   * @param figuresInWithheld withheld cells that still show a figure
   * @param recovered withheld values that a linear combination of the equations determines
   * @param forcedToZero withheld values that the equations and non-negativity force to zero
   */
  public record Report(
      int threshold,
      List<CellKey> belowThreshold,
      List<CellKey> figuresInWithheld,
      List<Recovery> recovered,
      List<Recovery> forcedToZero) {
    public Report {
      belowThreshold = List.copyOf(belowThreshold);
      figuresInWithheld = List.copyOf(figuresInWithheld);
      recovered = List.copyOf(recovered);
      forcedToZero = List.copyOf(forcedToZero);
    }

    /**
     * Whether the table may be published: no published cell below the threshold, no figure in a
     * withheld cell and no linearly recoverable value. Values forced to zero are reported in {@link
     * #forcedToZero()} but do not fail the audit: where disclosure control could not avoid them,
     * they follow from a published total whose count is zero (e.g. no goal met among at least
     * {@code K} citizens), which says as much about every part of it.
     */
    public boolean passed() {
      return belowThreshold.isEmpty() && figuresInWithheld.isEmpty() && recovered.isEmpty();
    }

    /** A short description for a log or an error message; it repeats no withheld value. */
    public String summary() {
      if (passed() && forcedToZero.isEmpty()) {
        return "Disclosure audit passed (threshold " + threshold + ").";
      }
      StringBuilder b =
          new StringBuilder("Disclosure audit ")
              .append(passed() ? "passed with warnings" : "FAILED")
              .append(" (threshold ")
              .append(threshold)
              .append("):");
      belowThreshold.forEach(
          k -> b.append("\n  - published below the threshold: [").append(k).append(']'));
      figuresInWithheld.forEach(
          k -> b.append("\n  - withheld cell shows figures: [").append(k).append(']'));
      recovered.forEach(r -> b.append("\n  - ").append(r.describe()));
      forcedToZero.forEach(r -> b.append("\n  - warning: ").append(r.describe()));
      return b.toString();
    }
  }

  /** Audits a result of {@link DisclosureControl}. */
  public static Report audit(DisclosureResult result) {
    return audit(result.threshold(), result.cells(), result.groups());
  }

  /**
   * Audits published cells against the groups they were suppressed by.
   *
   * @throws ConnectorException ({@link ErrorCode#BAD_REQUEST}) for a threshold below {@link
   *     DisclosureControl#MIN_THRESHOLD}; ({@link ErrorCode#INTERNAL}) when a group names a cell
   *     that is not in the table or the cells carry different counts
   */
  public static Report audit(
      int threshold, Collection<PublishedCell> cells, List<AdditiveGroup> groups) {
    DisclosureControl.checkThreshold(threshold);
    List<PublishedCell> sorted = new ArrayList<>(cells);
    sorted.sort(Comparator.comparing(PublishedCell::key));
    Set<String> names = new TreeSet<>();
    sorted.forEach(c -> names.addAll(c.counts().keySet()));
    List<String> countNames = List.copyOf(names);
    int n = sorted.size();
    boolean[] unknown = new boolean[n];
    long[][] values = new long[n][countNames.size()];
    List<CellKey> below = new ArrayList<>();
    List<CellKey> leaking = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PublishedCell c = sorted.get(i);
      if (c.suppressed()) {
        unknown[i] = true;
        boolean shows =
            c.citizens() != null
                || c.counts().values().stream().anyMatch(Objects::nonNull)
                || c.measures().values().stream().anyMatch(Objects::nonNull);
        if (shows) {
          leaking.add(c.key());
        }
        continue;
      }
      if (c.citizens() == null || c.citizens() < threshold) {
        below.add(c.key());
      }
      for (int j = 0; j < countNames.size(); j++) {
        Long v = c.count(countNames.get(j));
        if (v == null) {
          unknown[i] = true; // a published cell without the count hides it as well
        } else {
          values[i][j] = v;
        }
      }
    }
    Equations eq;
    try {
      eq = new Equations(sorted.stream().map(PublishedCell::key).toList(), groups, countNames);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(ErrorCode.INTERNAL, "Cannot audit: " + e.getMessage());
    }
    List<Recovery> recovered = new ArrayList<>();
    List<Recovery> forced = new ArrayList<>();
    for (Equations.Finding f : eq.recoveries(unknown, values, null)) {
      Recovery r =
          f.cell() >= 0
              ? new Recovery(
                  f.kind(), eq.keys.get(f.cell()), null, countNames.get(f.count()), f.value())
              : new Recovery(
                  f.kind(),
                  eq.groups.get(f.group()).total(),
                  eq.groups.get(f.group()).dimension(),
                  countNames.get(f.count()),
                  f.value());
      (f.kind() == Recovery.Kind.LINEAR ? recovered : forced).add(r);
    }
    return new Report(threshold, below, leaking, recovered, forced);
  }

  /**
   * The safety net before publishing: audits and throws when the audit fails.
   *
   * @throws ConnectorException ({@link ErrorCode#INTERNAL}) naming what failed (never a withheld
   *     value)
   */
  public static Report requirePassed(DisclosureResult result) {
    Report report = audit(result);
    if (!report.passed()) {
      throw new ConnectorException(ErrorCode.INTERNAL, "Refusing to publish: " + report.summary());
    }
    return report;
  }
}
