package dk.goalattainment.connector.opendata;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.model.Label;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code lists of the open-data table: for each coded column its codes with Danish and English
 * labels, from the catalogue ({@code dataset-definitions/catalogue.yaml}) and, for {@code
 * org_unit}, the units published. {@code *} ("all") is part of every dimension's list. The
 * catalogue lists them (DCAT, as SKOS concept schemes), {@code metode.md} shows them, and the label
 * columns of the table are read from them.
 *
 * @param lists by column, in column order
 */
public record CodeLists(Map<String, CodeList> lists) {
  /** The code for "all" in a dimension column. */
  public static final String ALL = "*";

  private static final Label ALL_LABEL = new Label("Alle", "All");

  public CodeLists {
    lists = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lists));
  }

  /**
   * One code list.
   *
   * @param column the table column holding the codes
   * @param labelColumn the column holding their Danish labels
   * @param title the list's name (da + en)
   */
  public record CodeList(String column, String labelColumn, Label title, List<Code> codes) {
    public CodeList {
      codes = List.copyOf(codes);
    }

    /** The code's entry, if listed. */
    public Optional<Code> code(String value) {
      return codes.stream().filter(c -> c.code().equals(value)).findFirst();
    }
  }

  /** A code and its labels. */
  public record Code(String code, Label label) {}

  /**
   * The lists for the catalogue and the published units.
   *
   * @param units the published org units: id → name, in table order
   */
  public static CodeLists of(Catalogue catalogue, Map<String, String> units) {
    Map<String, CodeList> lists = new LinkedHashMap<>();
    lists.put(
        "via",
        list(
            "via",
            new Label("Visning", "View"),
            false,
            List.of(
                new Code("authority", new Label("Myndighed", "Case authority")),
                new Code("provider", new Label("Udfører", "Provider")))));
    List<Code> unitCodes = new ArrayList<>();
    units.forEach((id, name) -> unitCodes.add(new Code(id, new Label(name, name))));
    lists.put(
        "org_unit",
        new CodeList("org_unit", "org_unit_name", new Label("Enhed", "Org unit"), unitCodes));
    lists.put(
        "org_level",
        list(
            "org_level",
            new Label("Organisatorisk niveau", "Org level"),
            false,
            coded(catalogue.orgLevels())));
    lists.put(
        "effect_goal",
        list(
            "effect_goal",
            new Label("Effektmål", "Effect goal"),
            true,
            catalogue.effectGoals().stream().map(e -> new Code(e.code(), e.label())).toList()));
    lists.put(
        "life_theme",
        list(
            "life_theme",
            new Label("Livstema", "Life theme"),
            true,
            catalogue.lifeThemes().stream().map(t -> new Code(t.code(), t.label())).toList()));
    lists.put(
        "target_group",
        list(
            "target_group",
            new Label("Målgruppe", "Target group"),
            true,
            catalogue.targetGroups().stream().map(g -> new Code(g.code(), g.label())).toList()));
    lists.put(
        "goal_type",
        list("goal_type", new Label("Måltype", "Goal type"), true, coded(catalogue.goalTypes())));
    return new CodeLists(lists);
  }

  private static List<Code> coded(List<Catalogue.Coded> items) {
    return items.stream().map(c -> new Code(c.code(), c.label())).toList();
  }

  private static CodeList list(String column, Label title, boolean withAll, List<Code> codes) {
    List<Code> all = new ArrayList<>();
    if (withAll) {
      all.add(new Code(ALL, ALL_LABEL));
    }
    all.addAll(codes);
    return new CodeList(column, column + "_label", title, all);
  }

  /**
   * The Danish label of a value of a coded column: its code's label; a value that is not a code (an
   * org level stored as its label) is its own label; null stays null.
   */
  public String labelDa(String column, String value) {
    if (value == null) {
      return null;
    }
    CodeList list = lists.get(column);
    if (list == null) {
      return value;
    }
    Optional<Code> code = list.code(value);
    if (code.isPresent()) {
      return code.get().label().da();
    }
    // an org level stored as its Danish label already
    return value;
  }
}
