package dk.goalattainment.connector.core.catalogue;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.model.AgeBand;
import dk.goalattainment.connector.core.model.GoalType;
import dk.goalattainment.connector.core.model.Label;
import dk.goalattainment.connector.core.model.OrgLevel;
import dk.goalattainment.connector.core.model.Scores;
import dk.goalattainment.connector.core.model.UnitRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of codes and labels. Build it with {@link #validated}, which checks the whole
 * catalogue and reports every problem at once.
 */
public record Catalogue(
    List<EffectGoal> effectGoals,
    List<LifeTheme> lifeThemes,
    List<TargetGroup> targetGroups,
    List<Coded> goalTypes,
    List<Coded> roles,
    List<Coded> ageBands,
    List<RulerBand> rulerBands,
    List<Coded> orgLevels) {

  /** Audiences: children's groups use the children's themes, adult groups the adult themes. */
  public static final Set<String> AUDIENCES = Set.of("children", "adults");

  public Catalogue {
    effectGoals = List.copyOf(orEmpty(effectGoals));
    lifeThemes = List.copyOf(orEmpty(lifeThemes));
    targetGroups = List.copyOf(orEmpty(targetGroups));
    goalTypes = List.copyOf(orEmpty(goalTypes));
    roles = List.copyOf(orEmpty(roles));
    ageBands = List.copyOf(orEmpty(ageBands));
    rulerBands = List.copyOf(orEmpty(rulerBands));
    orgLevels = List.copyOf(orEmpty(orgLevels));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** An effect goal. */
  public record EffectGoal(String code, Label label) {}

  /** A life theme under an effect goal, for one audience. */
  public record LifeTheme(String code, String effectGoal, String audience, Label label) {}

  /** A target group and the audience whose themes it uses. */
  public record TargetGroup(String code, String audience, Label label) {}

  /** A code with its label (goal types, roles, age bands). */
  public record Coded(String code, Label label) {}

  /** A band of the dialogue ruler, scores {@code from}..{@code to} inclusive. */
  public record RulerBand(int from, int to, Label label) {}

  /** Checks the catalogue and returns it, or throws listing every problem. */
  public Catalogue validated(String source) {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.DEFINITION_INVALID,
          "The catalogue " + source + " is invalid:\n  - " + String.join("\n  - ", problems));
    }
    return this;
  }

  /** Every problem of the catalogue, empty when it is valid. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    unique(p, "effect_goals", effectGoals, EffectGoal::code);
    unique(p, "life_themes", lifeThemes, LifeTheme::code);
    unique(p, "target_groups", targetGroups, TargetGroup::code);
    for (EffectGoal e : effectGoals) {
      labelled(p, "effect_goals", e.code(), e.label());
    }
    if (effectGoals.isEmpty()) {
      p.add("effect_goals: at least one effect goal is required");
    }
    Set<String> effectCodes =
        effectGoals.stream().map(EffectGoal::code).collect(Collectors.toSet());
    for (LifeTheme t : lifeThemes) {
      labelled(p, "life_themes", t.code(), t.label());
      if (t.effectGoal() == null || !effectCodes.contains(t.effectGoal())) {
        p.add("life_themes." + t.code() + ": effect_goal '" + t.effectGoal() + "' is not defined");
      }
      if (!AUDIENCES.contains(t.audience())) {
        p.add("life_themes." + t.code() + ": audience must be one of " + AUDIENCES);
      }
    }
    for (TargetGroup g : targetGroups) {
      labelled(p, "target_groups", g.code(), g.label());
      if (!AUDIENCES.contains(g.audience())) {
        p.add("target_groups." + g.code() + ": audience must be one of " + AUDIENCES);
      } else if (lifeThemes.stream().noneMatch(t -> g.audience().equals(t.audience()))) {
        p.add("target_groups." + g.code() + ": no life theme exists for audience " + g.audience());
      }
    }
    if (targetGroups.isEmpty()) {
      p.add("target_groups: at least one target group is required");
    }
    exactCodes(
        p, "goal_types", goalTypes, Arrays.stream(GoalType.values()).map(GoalType::code).toList());
    exactCodes(p, "roles", roles, Arrays.stream(UnitRole.values()).map(UnitRole::code).toList());
    exactCodes(
        p, "age_bands", ageBands, Arrays.stream(AgeBand.values()).map(AgeBand::code).toList());
    rulerCoverage(p);
    exactCodes(
        p, "org_levels", orgLevels, Arrays.stream(OrgLevel.values()).map(OrgLevel::code).toList());
    if (!orgLevels.stream()
        .map(Coded::code)
        .toList()
        .equals(Arrays.stream(OrgLevel.values()).map(OrgLevel::code).toList())) {
      p.add(
          "org_levels: the levels must be listed top to bottom: "
              + Arrays.toString(OrgLevel.values()).toLowerCase(java.util.Locale.ROOT));
    }
    uniqueLabels(p, "effect_goals", effectGoals, EffectGoal::code, EffectGoal::label);
    uniqueLabels(p, "life_themes", lifeThemes, LifeTheme::code, LifeTheme::label);
    uniqueLabels(p, "target_groups", targetGroups, TargetGroup::code, TargetGroup::label);
    uniqueLabels(p, "goal_types", goalTypes, Coded::code, Coded::label);
    uniqueLabels(p, "roles", roles, Coded::code, Coded::label);
    uniqueLabels(p, "age_bands", ageBands, Coded::code, Coded::label);
    uniqueLabels(p, "org_levels", orgLevels, Coded::code, Coded::label);
    return p;
  }

  /**
   * Labels are unique within a dimension, in each language: charts show the label, and two codes
   * with one label would read as one row.
   */
  private static <T> void uniqueLabels(
      List<String> p,
      String section,
      List<T> items,
      Function<T, String> code,
      Function<T, Label> label) {
    for (Function<Label, String> language :
        List.<Function<Label, String>>of(Label::da, Label::en)) {
      Map<String, String> seen = new LinkedHashMap<>();
      for (T item : items) {
        Label l = label.apply(item);
        String text = l == null ? null : language.apply(l);
        if (text == null || text.isBlank()) {
          continue;
        }
        String other =
            seen.putIfAbsent(text.strip().toLowerCase(java.util.Locale.ROOT), code.apply(item));
        if (other != null) {
          p.add(
              section
                  + "."
                  + code.apply(item)
                  + ": label '"
                  + text
                  + "' is also the label of "
                  + other
                  + "; labels must be unique within a dimension");
        }
      }
    }
  }

  private void rulerCoverage(List<String> p) {
    int[] cover = new int[Scores.MAX + 1];
    for (RulerBand b : rulerBands) {
      if (b.from() < Scores.MIN || b.to() > Scores.MAX || b.from() > b.to()) {
        p.add("ruler_bands: band " + b.from() + "-" + b.to() + " is outside 1-10 or reversed");
        continue;
      }
      labelled(p, "ruler_bands", b.from() + "-" + b.to(), b.label());
      for (int s = b.from(); s <= b.to(); s++) {
        cover[s]++;
      }
    }
    for (int s = Scores.MIN; s <= Scores.MAX; s++) {
      if (cover[s] != 1) {
        p.add(
            "ruler_bands: score "
                + s
                + (cover[s] == 0 ? " is in no band" : " is in " + cover[s] + " bands"));
      }
    }
  }

  private static void exactCodes(
      List<String> p, String section, List<Coded> items, List<String> expected) {
    unique(p, section, items, Coded::code);
    Set<String> have = items.stream().map(Coded::code).collect(Collectors.toSet());
    for (String code : expected) {
      if (!have.contains(code)) {
        p.add(section + ": '" + code + "' is missing");
      }
    }
    for (Coded c : items) {
      if (!expected.contains(c.code())) {
        p.add(section + ": '" + c.code() + "' is not one of " + expected);
      }
      labelled(p, section, c.code(), c.label());
    }
  }

  private static <T> void unique(
      List<String> p, String section, List<T> items, Function<T, String> code) {
    Set<String> seen = new HashSet<>();
    for (T item : items) {
      String c = code.apply(item);
      if (c == null || c.isBlank()) {
        p.add(section + ": an entry has no code");
      } else if (!seen.add(c)) {
        p.add(section + ": code '" + c + "' is defined twice");
      }
    }
  }

  private static void labelled(List<String> p, String section, String code, Label label) {
    if (label == null || label.da() == null || label.da().isBlank()) {
      p.add(section + "." + code + ": a Danish label (label.da) is required");
    }
    if (label == null || label.en() == null || label.en().isBlank()) {
      p.add(section + "." + code + ": an English label (label.en) is required");
    }
  }

  public Optional<TargetGroup> targetGroup(String code) {
    return targetGroups.stream().filter(g -> g.code().equals(code)).findFirst();
  }

  public Optional<LifeTheme> lifeTheme(String code) {
    return lifeThemes.stream().filter(t -> t.code().equals(code)).findFirst();
  }

  public Optional<EffectGoal> effectGoal(String code) {
    return effectGoals.stream().filter(e -> e.code().equals(code)).findFirst();
  }

  /** Life themes by effect goal code, in catalogue order. */
  public Map<String, List<LifeTheme>> themesByEffectGoal() {
    Map<String, List<LifeTheme>> map = new LinkedHashMap<>();
    for (EffectGoal e : effectGoals) {
      map.put(e.code(), new ArrayList<>());
    }
    for (LifeTheme t : lifeThemes) {
      map.computeIfAbsent(t.effectGoal(), k -> new ArrayList<>()).add(t);
    }
    return map;
  }

  /** The Danish label of a code in a grouping's dimension, or the code itself. */
  public String labelDa(String dimension, String code) {
    Optional<Label> label =
        switch (dimension) {
          case "effect_goal" -> effectGoal(code).map(EffectGoal::label);
          case "life_theme" -> lifeTheme(code).map(LifeTheme::label);
          case "target_group" -> targetGroup(code).map(TargetGroup::label);
          case "goal_type" -> find(goalTypes, code);
          case "age_band" -> find(ageBands, code);
          case "role" -> find(roles, code);
          default -> Optional.empty();
        };
    return label.map(Label::da).orElse(code);
  }

  private static Optional<Label> find(List<Coded> items, String code) {
    return items.stream().filter(c -> c.code().equals(code)).map(Coded::label).findFirst();
  }
}
