package dk.goalattainment.connector.core.disclosure;

import static dk.goalattainment.connector.core.disclosure.Dimensions.ALL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random table built the way the exporter builds one: random goals of random citizens in a
 * random org tree, aggregated into every cell of a random choice of breakdowns (effect goals,
 * themes, target groups, goal types, own-part rows). Citizens are distinct counts, goal counts add
 * up, so the table is consistent like a real one.
 */
final class RandomCube {
  private static final String[] TARGET_GROUPS = {"g1", "g2", "g3"};
  private static final String[] GOAL_TYPES = {"progression", "maintenance", "limited_decline"};
  private static final String[] THEMES = {"skole", "familie", "fritid", "sundhed"};

  final OrgTree tree;
  final List<TableCell> cells;
  final String shape;

  private RandomCube(OrgTree tree, List<TableCell> cells, String shape) {
    this.tree = tree;
    this.cells = cells;
    this.shape = shape;
  }

  static RandomCube generate(long seed) {
    Random rnd = new Random(seed);
    Map<String, String> parentOf = randomTree(rnd);
    Set<String> internal = new HashSet<>(parentOf.values());
    List<String> units = new ArrayList<>(parentOf.keySet());
    List<String> leaves = units.stream().filter(u -> !internal.contains(u)).toList();

    int effectLevels = rnd.nextInt(3); // 0: none, 1: effect goals, 2: and themes
    boolean byTargetGroup = rnd.nextBoolean();
    boolean byGoalType = rnd.nextBoolean();
    boolean ownPartRows = rnd.nextInt(4) == 0;
    double metShare = rnd.nextInt(5) == 0 ? 0.05 : 0.2 + 0.6 * rnd.nextDouble();
    int citizens = rnd.nextInt(5) == 0 ? 3 + rnd.nextInt(40) : 40 + rnd.nextInt(300);

    Map<List<String>, Set<Integer>> cit = new LinkedHashMap<>();
    Map<List<String>, long[]> counts = new HashMap<>();
    for (int c = 0; c < citizens; c++) {
      String home =
          rnd.nextInt(6) == 0
              ? units.get(rnd.nextInt(units.size()))
              : leaves.get(rnd.nextInt(leaves.size()));
      String group = TARGET_GROUPS[rnd.nextInt(TARGET_GROUPS.length)];
      int goals = 1 + rnd.nextInt(4);
      for (int g = 0; g < goals; g++) {
        String theme = THEMES[rnd.nextInt(THEMES.length)];
        String effect = effectOf(theme);
        String type = GOAL_TYPES[rnd.nextInt(GOAL_TYPES.length)];
        boolean met = rnd.nextDouble() < metShare;
        List<String> orgs = new ArrayList<>();
        for (String u = home; u != null; u = parentOf.get(u)) {
          orgs.add(u);
        }
        if (ownPartRows && internal.contains(home)) {
          orgs.add(OrgTree.ownPart(home));
        }
        List<String[]> effects = new ArrayList<>();
        effects.add(new String[] {ALL, ALL});
        if (effectLevels >= 1) {
          effects.add(new String[] {effect, ALL});
        }
        if (effectLevels >= 2) {
          effects.add(new String[] {effect, theme});
        }
        for (String o : orgs) {
          for (String[] e : effects) {
            for (String tg : byTargetGroup ? List.of(ALL, group) : List.of(ALL)) {
              for (String gt : byGoalType ? List.of(ALL, type) : List.of(ALL)) {
                List<String> k = List.of(o, e[0], e[1], tg, gt);
                cit.computeIfAbsent(k, x -> new HashSet<>()).add(c);
                long[] n = counts.computeIfAbsent(k, x -> new long[2]);
                n[0]++;
                n[1] += met ? 1 : 0;
              }
            }
          }
        }
      }
    }
    List<TableCell> cells = cells(cit, counts);
    String shape =
        "seed "
            + seed
            + ": "
            + parentOf.size()
            + " units, effect levels "
            + effectLevels
            + (byTargetGroup ? ", target groups" : "")
            + (byGoalType ? ", goal types" : "")
            + (ownPartRows ? ", own-part rows" : "")
            + ", "
            + citizens
            + " citizens, "
            + cells.size()
            + " cells";
    return new RandomCube(OrgTree.ofParents(parentOf), cells, shape);
  }

  /** An org tree: a root with up to three levels below it, at most ten units. */
  private static Map<String, String> randomTree(Random rnd) {
    Map<String, String> parentOf = new LinkedHashMap<>();
    parentOf.put("M", null);
    List<String> level = List.of("M");
    int depth = 1 + rnd.nextInt(3);
    for (int d = 0; d < depth && parentOf.size() < 10; d++) {
      List<String> next = new ArrayList<>();
      for (String p : level) {
        int kids = (p.equals("M") ? 1 : 0) + rnd.nextInt(3);
        for (int i = 1; i <= kids && parentOf.size() < 10; i++) {
          String id = p + "." + i;
          parentOf.put(id, p);
          next.add(id);
        }
      }
      level = next;
    }
    return parentOf;
  }

  /** The cells of the counted keys (org, effect goal, theme, target group, goal type). */
  private static List<TableCell> cells(
      Map<List<String>, Set<Integer>> cit, Map<List<String>, long[]> counts) {
    List<TableCell> cells = new ArrayList<>();
    cit.forEach(
        (k, set) ->
            cells.add(
                TableCell.of(
                    CellKey.of(
                        Dimensions.PERIOD, "2018-Q4",
                        Dimensions.VIA, "authority",
                        Dimensions.ORG_UNIT, k.get(0),
                        Dimensions.EFFECT_GOAL, k.get(1),
                        Dimensions.LIFE_THEME, k.get(2),
                        Dimensions.TARGET_GROUP, k.get(3),
                        Dimensions.GOAL_TYPE, k.get(4)),
                    set.size(),
                    counts.get(k)[0],
                    counts.get(k)[1])));
    return cells;
  }

  private static String effectOf(String theme) {
    for (Map.Entry<String, List<String>> e : Tables.THEMES.entrySet()) {
      if (e.getValue().contains(theme)) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException(theme);
  }
}
