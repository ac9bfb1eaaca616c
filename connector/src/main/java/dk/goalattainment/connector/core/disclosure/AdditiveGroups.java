package dk.goalattainment.connector.core.disclosure;

import static dk.goalattainment.connector.core.disclosure.Dimensions.ALL;
import static dk.goalattainment.connector.core.disclosure.Dimensions.EFFECT_GOAL;
import static dk.goalattainment.connector.core.disclosure.Dimensions.LIFE_THEME;
import static dk.goalattainment.connector.core.disclosure.Dimensions.ORG_UNIT;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives the additive groups of a table from its cells, the org tree and the catalogue (effect
 * goal → life themes). For every cell that is a total along some dimension, and whose breakdown is
 * in the table (at least one member cell present), it makes one group:
 *
 * <ul>
 *   <li>{@code org_unit}: the node's children (the roots for {@code "*"}), plus the node's own-part
 *       row when published ({@link OrgTree#ownPart}); when the children do not add up to the node
 *       the difference is the node's unpublished own part ({@link AdditiveGroup#remainder()});
 *   <li>{@code effect_goal}: a cell with effect goal and theme {@code "*"} splits into the effect
 *       goals;
 *   <li>{@code life_theme}: an effect goal splits into its themes (from the catalogue); a cell with
 *       effect goal {@code "*"} splits into theme rows that leave the effect goal {@code "*"}, and
 *       such a theme row equals the row naming the theme's effect goal (a one-member group);
 *   <li>each categorical dimension ({@code target_group}, {@code goal_type}, or any given): the
 *       cell with {@code "*"} splits into the cells with a value.
 * </ul>
 *
 * A member absent from the table has no follow-ups and counts as a known zero, so an exporter must
 * emit every non-empty member cell, withheld ones included (with null figures), never drop them.
 */
public final class AdditiveGroups {
  private AdditiveGroups() {}

  /** The groups of a table, with the catalogue's themes and the default categorical dimensions. */
  public static List<AdditiveGroup> derive(
      Collection<TableCell> cells, OrgTree tree, Catalogue catalogue) {
    return derive(cells, tree, themesByEffectGoal(catalogue), Dimensions.DEFAULT_CATEGORICAL);
  }

  /** Effect goal code → its life theme codes, in catalogue order. */
  public static Map<String, List<String>> themesByEffectGoal(Catalogue catalogue) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    catalogue
        .themesByEffectGoal()
        .forEach(
            (goal, themes) ->
                map.put(goal, themes.stream().map(Catalogue.LifeTheme::code).toList()));
    return map;
  }

  /**
   * The groups of a table.
   *
   * @param themesByEffectGoal effect goal code → its life theme codes
   * @param categorical the flat dimensions whose values add up to {@code "*"} (e.g. {@link
   *     Dimensions#DEFAULT_CATEGORICAL}, plus {@code age_band} if the table has it)
   * @throws ConnectorException ({@link ErrorCode#INTERNAL}) when two cells share a key, a theme is
   *     unknown or under another effect goal, the cells carry different count names, or members add
   *     up to more than their total
   */
  public static List<AdditiveGroup> derive(
      Collection<TableCell> cells,
      OrgTree tree,
      Map<String, List<String>> themesByEffectGoal,
      List<String> categorical) {
    Map<CellKey, TableCell> byKey = byKey(cells);
    Map<String, String> effectOfTheme = new HashMap<>();
    themesByEffectGoal.forEach((goal, themes) -> themes.forEach(t -> effectOfTheme.put(t, goal)));
    requireThemesUnderTheirEffectGoals(byKey.keySet(), effectOfTheme);

    // Members of flat breakdowns: key with the dimension set to "*" → the cells that set it.
    Map<String, Map<CellKey, List<CellKey>>> flat = new LinkedHashMap<>();
    for (String d : categorical) {
      flat.put(d, new HashMap<>());
    }
    Map<CellKey, List<CellKey>> effectGoalsOf = new HashMap<>();
    Map<CellKey, List<CellKey>> themesOfAll = new HashMap<>();
    for (CellKey k : byKey.keySet()) {
      for (String d : categorical) {
        if (!k.isAll(d)) {
          flat.get(d).computeIfAbsent(k.with(d, ALL), x -> new ArrayList<>()).add(k);
        }
      }
      if (!k.isAll(EFFECT_GOAL) && k.isAll(LIFE_THEME)) {
        effectGoalsOf.computeIfAbsent(k.with(EFFECT_GOAL, ALL), x -> new ArrayList<>()).add(k);
      }
      if (k.isAll(EFFECT_GOAL) && !k.isAll(LIFE_THEME)) {
        themesOfAll.computeIfAbsent(k.with(LIFE_THEME, ALL), x -> new ArrayList<>()).add(k);
      }
    }

    List<AdditiveGroup> groups = new ArrayList<>();
    for (CellKey k : new TreeSet<>(byKey.keySet())) {
      TableCell total = byKey.get(k);
      // org_unit
      String unit = k.get(ORG_UNIT);
      if (!OrgTree.isOwnPart(unit)) {
        add(groups, ORG_UNIT, total, orgMembers(k, tree, byKey), byKey);
      }
      // effect goals of a total, themes of an effect goal
      if (k.isAll(LIFE_THEME)) {
        if (k.isAll(EFFECT_GOAL)) {
          add(groups, EFFECT_GOAL, total, effectGoalsOf.get(k), byKey);
          add(groups, LIFE_THEME, total, themesOfAll.get(k), byKey);
        } else {
          List<CellKey> members = new ArrayList<>();
          for (String theme : themesByEffectGoal.getOrDefault(k.get(EFFECT_GOAL), List.of())) {
            CellKey m = k.with(LIFE_THEME, theme);
            if (byKey.containsKey(m)) {
              members.add(m);
            }
          }
          add(groups, LIFE_THEME, total, members, byKey);
        }
      } else if (k.isAll(EFFECT_GOAL)) {
        // A theme row without its effect goal equals the row that names the effect goal.
        CellKey named = k.with(EFFECT_GOAL, effectOfTheme.get(k.get(LIFE_THEME)));
        if (byKey.containsKey(named)) {
          add(groups, EFFECT_GOAL, total, List.of(named), byKey);
        }
      }
      for (String d : categorical) {
        if (k.isAll(d)) {
          add(groups, d, total, flat.get(d).get(k), byKey);
        }
      }
    }
    return List.copyOf(groups);
  }

  /** The cells by key; every key once, every cell with the same count names. */
  private static Map<CellKey, TableCell> byKey(Collection<TableCell> cells) {
    Map<CellKey, TableCell> byKey = new HashMap<>();
    Set<String> countNames = null;
    for (TableCell c : cells) {
      if (byKey.put(c.key(), c) != null) {
        throw inconsistent("two cells have the key " + c.key());
      }
      if (countNames == null) {
        countNames = c.counts().keySet();
      } else if (!countNames.equals(c.counts().keySet())) {
        throw inconsistent("cells carry different counts: " + countNames + " and " + c.key());
      }
    }
    return byKey;
  }

  /** Every theme is in the catalogue, and a key naming an effect goal names the theme's own. */
  private static void requireThemesUnderTheirEffectGoals(
      Set<CellKey> keys, Map<String, String> effectOfTheme) {
    for (CellKey k : keys) {
      String theme = k.get(LIFE_THEME);
      if (!ALL.equals(theme)) {
        String goal = effectOfTheme.get(theme);
        if (goal == null) {
          throw inconsistent("life theme " + theme + " is not in the catalogue: " + k);
        }
        if (!k.isAll(EFFECT_GOAL) && !goal.equals(k.get(EFFECT_GOAL))) {
          throw inconsistent("life theme " + theme + " belongs to effect goal " + goal + ": " + k);
        }
      }
    }
  }

  /** The members of an org node's cell: its children's cells, then its own part's. */
  private static List<CellKey> orgMembers(CellKey k, OrgTree tree, Map<CellKey, TableCell> byKey) {
    String unit = k.get(ORG_UNIT);
    List<CellKey> members = new ArrayList<>();
    for (String child : tree.children(unit)) {
      CellKey m = k.with(ORG_UNIT, child);
      if (byKey.containsKey(m)) {
        members.add(m);
      }
    }
    if (!ALL.equals(unit)) {
      CellKey own = k.with(ORG_UNIT, OrgTree.ownPart(unit));
      if (byKey.containsKey(own)) {
        members.add(own);
      }
    }
    return members;
  }

  private static void add(
      List<AdditiveGroup> groups,
      String dimension,
      TableCell total,
      List<CellKey> members,
      Map<CellKey, TableCell> byKey) {
    if (members == null || members.isEmpty()) {
      return;
    }
    List<CellKey> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.naturalOrder());
    boolean remainder = false;
    Map<String, Long> rest = new TreeMap<>(total.counts());
    for (CellKey m : sorted) {
      byKey.get(m).counts().forEach((name, v) -> rest.merge(name, -v, Long::sum));
    }
    for (Map.Entry<String, Long> e : rest.entrySet()) {
      if (e.getValue() < 0) {
        throw inconsistent(
            "the members of "
                + total.key()
                + " by "
                + dimension
                + " add up to more "
                + e.getKey()
                + " than the total");
      }
      remainder |= e.getValue() > 0;
    }
    // In the org tree a remainder is the node's own part; elsewhere it would be unclassified
    // goals. Either way it is an unpublished member.
    groups.add(new AdditiveGroup(dimension, total.key(), sorted, remainder));
  }

  private static ConnectorException inconsistent(String message) {
    return new ConnectorException(ErrorCode.INTERNAL, "Inconsistent table: " + message);
  }
}
