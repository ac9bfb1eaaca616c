package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.model.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The generated "Resultat" paragraph: what the figures of the main period say, and nothing they do
 * not support. A change is called a rise or a fall only when {@link Change} says so (the 95 %
 * intervals do not overlap); otherwise it is "uændret". A withheld or missing figure ends the
 * claims that would need it.
 */
final class ResultText {
  private final Catalogue catalogue;
  private final SheetRequest request;
  private final SheetFigures figures;

  ResultText(Catalogue catalogue, SheetRequest request, SheetFigures figures) {
    this.catalogue = catalogue;
    this.request = request;
    this.figures = figures;
  }

  List<String> sentences() {
    Period main = request.periods().main();
    Period previous = request.periods().previous();
    String period = DanishFormat.period(main);
    String org = request.orgUnit().name();
    Slice total = Slice.total(main, request.via(), request.org());
    List<String> s = new ArrayList<>();
    if (!figures.covers(main, request.org())) {
      s.add("De åbne data offentliggør ikke tal for " + org + " i " + period + ".");
      return s;
    }
    Optional<Cell> current = figures.cell(total);
    if (current.isEmpty()) {
      s.add("Der er ingen opfølgninger på mål for " + org + " i " + period + ".");
      return s;
    }
    Cell c = current.get();
    if (c.withheld()) {
      s.add("Tallene for " + org + " i " + period + " er udeladt af hensyn til diskretion.");
      return s;
    }
    s.add(
        "I "
            + period
            + " fik "
            + citizens(c.citizens())
            + " i "
            + org
            + " fulgt op på mindst ét mål i deres handleplan.");
    if (c.attainment() != null) {
      s.add(
          "I gennemsnit nåede borgerne "
              + DanishFormat.percent(c.attainment())
              + " af deres opfulgte mål"
              + (c.hasInterval()
                  ? " (95 %-interval " + DanishFormat.interval(c.ciLow(), c.ciHigh()) + ")"
                  : "")
              + ".");
    }
    if (c.lowN()) {
      s.add(
          "Tallet bygger på under 20 borgere og er usikkert – ingen måling uden faglig"
              + " refleksion.");
    }
    s.add(changeSentence(figures.change(total, total.in(previous)), previous));
    if (main.kind() == Period.Kind.QUARTER) {
      // a quarter is also held against the same quarter a year earlier (seasons)
      Period yearEarlier = main.yearEarlier();
      s.add(changeSentence(figures.change(total, total.in(yearEarlier)), yearEarlier));
    }
    criterionSentence(c).ifPresent(s::add);
    effectGoalSentence().ifPresent(s::add);
    return s;
  }

  private static String citizens(long n) {
    return DanishFormat.count(n) + (n == 1 ? " borger" : " borgere");
  }

  static String changeSentence(Change change, Period previous) {
    String prev = DanishFormat.period(previous);
    return switch (change.verdict()) {
      case NO_COMPARISON ->
          change.previous() != null && change.previous().withheld()
              ? "Tallet for "
                  + prev
                  + " er udeladt af hensyn til diskretion, så udviklingen"
                  + " kan ikke vurderes."
              : "Der er ingen tal for " + prev + " at sammenligne med.";
      case NOT_ASSESSABLE ->
          "Udviklingen fra "
              + prev
              + " ("
              + DanishFormat.percent(change.previous().attainment())
              + ") kan ikke vurderes: der er for få borgere til et 95 %-interval.";
      case UP, DOWN -> {
        String[] pair =
            DanishFormat.percents(change.previous().attainment(), change.current().attainment());
        yield "Det er "
            + (change.verdict() == Change.Verdict.UP ? "en stigning" : "et fald")
            + " fra "
            + pair[0]
            + " i "
            + prev
            + " til "
            + pair[1]
            + ", større end den statistiske usikkerhed.";
      }
      case UNCHANGED ->
          "Det er uændret i forhold til "
              + prev
              + " ("
              + DanishFormat.percent(change.previous().attainment())
              + "): forskellen ligger inden for den statistiske usikkerhed.";
    };
  }

  /** A unit list's change in words (for its text alternative). */
  static String changeWords(Change change, Period previous) {
    String prev = DanishFormat.period(previous);
    return switch (change.verdict()) {
      case UP -> "steget siden " + prev;
      case DOWN -> "faldet siden " + prev;
      case UNCHANGED -> "uændret siden " + prev;
      case NOT_ASSESSABLE -> "kan ikke vurderes (under 2 borgere)";
      case NO_COMPARISON -> "intet at sammenligne med i " + prev;
    };
  }

  private Optional<String> criterionSentence(Cell c) {
    SheetRequest.Criterion criterion = request.criterion();
    if (criterion == null || !criterion.scope().contains(request.org()) || c.attainment() == null) {
      return Optional.empty();
    }
    boolean reached = c.attainment() >= criterion.target();
    boolean inside =
        c.hasInterval() && c.ciLow() <= criterion.target() && criterion.target() <= c.ciHigh();
    return Optional.of(
        "Succeskriteriet – en gennemsnitlig målopfyldelse på mindst "
            + DanishFormat.percent(criterion.target())
            + (criterion.deadline() == null
                ? ""
                : " senest " + DanishFormat.date(criterion.deadline()))
            + " – er "
            + (reached ? "nået" : "ikke nået")
            + " i "
            + DanishFormat.period(request.periods().main())
            + (inside ? ", men målet ligger inden for 95 %-intervallet" : "")
            + ".");
  }

  private Optional<String> effectGoalSentence() {
    Period main = request.periods().main();
    Period previous = request.periods().previous();
    List<String> up = new ArrayList<>();
    List<String> down = new ArrayList<>();
    int assessed = 0;
    for (Catalogue.EffectGoal effect : catalogue.effectGoals()) {
      Slice slice = new Slice(main, request.via(), request.org(), effect.code(), null);
      Change change = figures.change(slice, slice.in(previous));
      switch (change.verdict()) {
        case UP -> up.add(effect.label().da());
        case DOWN -> down.add(effect.label().da());
        default -> {}
      }
      if (change.verdict() == Change.Verdict.UP
          || change.verdict() == Change.Verdict.DOWN
          || change.verdict() == Change.Verdict.UNCHANGED) {
        assessed++;
      }
    }
    if (assessed == 0) {
      return Optional.empty();
    }
    String prev = DanishFormat.period(previous);
    if (up.isEmpty() && down.isEmpty()) {
      return Optional.of(
          "Ingen af effektmålene viser en ændring fra "
              + prev
              + ", der er større end den statistiske usikkerhed.");
    }
    StringBuilder b = new StringBuilder("Fra " + prev + " er målopfyldelsen ");
    if (!up.isEmpty()) {
      b.append("steget for ").append(join(up));
    }
    if (!down.isEmpty()) {
      b.append(up.isEmpty() ? "" : " og ").append("faldet for ").append(join(down));
    }
    if (up.size() + down.size() < catalogue.effectGoals().size()) {
      b.append("; for de øvrige effektmål kan der ikke påvises en ændring");
    }
    return Optional.of(b.append('.').toString());
  }

  private static String join(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " og "
        + items.get(items.size() - 1);
  }
}
