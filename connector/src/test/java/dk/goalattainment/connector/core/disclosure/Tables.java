package dk.goalattainment.connector.core.disclosure;

import static dk.goalattainment.connector.core.disclosure.Dimensions.GOAL_TYPE;
import static dk.goalattainment.connector.core.disclosure.Dimensions.TARGET_GROUP;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-made tables for the disclosure tests. */
final class Tables {
  static final Map<String, List<String>> THEMES =
      Map.of("LS", List.of("skole"), "NM", List.of("familie", "fritid"), "PU", List.of("sundhed"));

  private Tables() {}

  static CellKey org(String unit) {
    return CellKey.of(Dimensions.ORG_UNIT, unit);
  }

  static TableCell cell(CellKey key, long citizens, long followedUp, long met) {
    return TableCell.of(key, citizens, followedUp, met);
  }

  static List<AdditiveGroup> groups(List<TableCell> cells, OrgTree tree) {
    return AdditiveGroups.derive(cells, tree, THEMES, Dimensions.DEFAULT_CATEGORICAL);
  }

  static List<AdditiveGroup> groups(List<TableCell> cells) {
    return groups(cells, OrgTree.ofChildren(Map.of()));
  }

  /**
   * A two-way table, target group (rows g1..) × goal type (columns t1..), with both margins and the
   * grand total. {@code citizens[i][j]} and {@code goals[i][j]} fill the interior; margins get the
   * sums (citizens of a margin are the sum as well: the rows are disjoint here). Goals met are half
   * the goals, rounded down.
   */
  static List<TableCell> twoWay(long[][] citizens, long[][] goals) {
    int rows = citizens.length;
    int cols = citizens[0].length;
    List<TableCell> cells = new ArrayList<>();
    long[] rowCit = new long[rows];
    long[] rowGoals = new long[rows];
    long[] rowMet = new long[rows];
    long[] colCit = new long[cols];
    long[] colGoals = new long[cols];
    long[] colMet = new long[cols];
    long allCit = 0;
    long allGoals = 0;
    long allMet = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        long met = goals[i][j] / 2;
        cells.add(cell(key(i, j), citizens[i][j], goals[i][j], met));
        rowCit[i] += citizens[i][j];
        rowGoals[i] += goals[i][j];
        rowMet[i] += met;
        colCit[j] += citizens[i][j];
        colGoals[j] += goals[i][j];
        colMet[j] += met;
        allCit += citizens[i][j];
        allGoals += goals[i][j];
        allMet += met;
      }
    }
    for (int i = 0; i < rows; i++) {
      cells.add(cell(key(i, -1), rowCit[i], rowGoals[i], rowMet[i]));
    }
    for (int j = 0; j < cols; j++) {
      cells.add(cell(key(-1, j), colCit[j], colGoals[j], colMet[j]));
    }
    cells.add(cell(key(-1, -1), allCit, allGoals, allMet));
    return cells;
  }

  /** The key of row {@code i} and column {@code j} of {@link #twoWay}; -1 for a margin. */
  static CellKey key(int i, int j) {
    return CellKey.of(
        TARGET_GROUP, i < 0 ? Dimensions.ALL : "g" + (i + 1),
        GOAL_TYPE, j < 0 ? Dimensions.ALL : "t" + (j + 1));
  }
}
