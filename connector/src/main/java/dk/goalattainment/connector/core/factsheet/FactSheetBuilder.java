package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.Figure;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.GoalTypeBar;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.GoalTypeChart;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.Header;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.Row;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.Table;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.TrendChart;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.TrendSeries;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.TrendSeriesName;
import dk.goalattainment.connector.core.model.GoalType;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a fact sheet's content from its figures: chooses the slices, reads each through {@link
 * SheetFigures}, formats it in Danish and words the notes. It computes no figure.
 */
public final class FactSheetBuilder {
  /** The goal types in the seed's order. */
  static final List<GoalType> GOAL_TYPE_ORDER =
      List.of(GoalType.LIMITED_DECLINE, GoalType.PROGRESSION, GoalType.MAINTENANCE);

  private final Catalogue catalogue;

  public FactSheetBuilder(Catalogue catalogue) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
  }

  /** The sheet. */
  public FactSheetContent build(SheetRequest request, SheetFigures figures) {
    SheetPeriods periods = request.periods();
    TrendCharts trends = trends(request, figures);
    return new FactSheetContent(
        header(request, figures),
        table(request, figures),
        goalTypes(request, figures),
        "Gns. målopfyldelse pr. kvartal, "
            + DanishFormat.period(periods.wide())
            + ": "
            + request.orgUnit().name()
            + " og enhederne under den",
        trends.charts(),
        trends.legend(),
        trends.note(),
        new UnitListBuilder(request, figures).build(),
        new ResultText(catalogue, request, figures).sentences(),
        MethodNote.paragraphs(figures.isPublic(), request.threshold()));
  }

  private static Header header(SheetRequest request, SheetFigures figures) {
    SheetPeriods p = request.periods();
    String period =
        p.main().kind() == Period.Kind.YEAR
            ? DanishFormat.period(p.main()) + " (med " + DanishFormat.period(p.narrow()) + ")"
            : DanishFormat.period(p.main())
                + " (med de fire kvartaler "
                + DanishFormat.period(p.wide())
                + ")";
    return new Header(
        "FAKTABLAD",
        request.title(),
        request.budgetGoal(),
        period,
        request.orgUnit().name() + " (" + request.org() + ")",
        viewName(request.via()),
        DanishFormat.dateTime(request.computedAt()),
        figures.isPublic()
            ? "Offentlig udgave: kun de diskretionerede tal fra de åbne data"
            : null);
  }

  static String viewName(Via via) {
    return via == Via.PROVIDER
        ? "udfører (målene placeres hos den enhed, der leverer indsatsen)"
        : "myndighed (målene placeres hos den enhed, der har sat dem)";
  }

  private Table table(SheetRequest request, SheetFigures figures) {
    List<Period> columns =
        request.periods().columns().stream().filter(c -> figures.covers(c, request.org())).toList();
    List<Row> rows = new ArrayList<>();
    for (Catalogue.EffectGoal effect : catalogue.effectGoals()) {
      rows.add(row(effect.label().da(), "effect", columns, request, figures, effect.code(), null));
      for (Catalogue.LifeTheme theme : catalogue.themesByEffectGoal().get(effect.code())) {
        Row row =
            row(themeLabel(catalogue, theme), "theme", columns, request, figures, null, theme);
        if (row.figures().stream().anyMatch(f -> !f.empty())) {
          rows.add(row);
        }
      }
    }
    rows.add(row("I alt", "total", columns, request, figures, null, null));
    List<String> notes = new ArrayList<>();
    List<Figure> all = rows.stream().flatMap(r -> r.figures().stream()).toList();
    if (all.stream().anyMatch(Figure::lowN)) {
      notes.add(
          "* Under 20 borgere (lav N): tallet er usikkert – ingen måling uden faglig refleksion.");
    }
    if (!figures.isPublic()) {
      notes.add(
          "95 %-interval: konfidensintervallet for Gns. målopfyldelse (intet interval under 2"
              + " borgere).");
    }
    if (all.stream().anyMatch(Figure::withheld)) {
      notes.add(MethodNote.withheldFootnote(request.threshold()));
    }
    if (all.stream().anyMatch(Figure::empty)) {
      notes.add("· Ingen opfølgninger i perioden.");
    }
    for (Period c : request.periods().columns()) {
      if (!columns.contains(c)) {
        notes.add(
            DanishFormat.period(c)
                + " er ikke med: de åbne data offentliggør ikke den periode for denne enhed.");
      }
    }
    return new Table(
        "Gns. målopfyldelse og N (unik cpr) pr. effektmål og livstema",
        columns.stream().map(DanishFormat::period).toList(),
        rows,
        notes);
  }

  private static Row row(
      String label,
      String kind,
      List<Period> columns,
      SheetRequest request,
      SheetFigures figures,
      String effectGoal,
      Catalogue.LifeTheme theme) {
    List<Figure> cells = new ArrayList<>();
    for (Period column : columns) {
      Slice slice =
          theme != null
              ? new Slice(column, request.via(), request.org(), theme.effectGoal(), theme.code())
              : new Slice(column, request.via(), request.org(), effectGoal, null);
      cells.add(figure(figures.cell(slice)));
    }
    return new Row(label, kind, cells);
  }

  /** A cell as printed. */
  static Figure figure(Optional<Cell> cell) {
    if (cell.isEmpty()) {
      return new Figure(null, null, null, false, false);
    }
    Cell c = cell.get();
    if (c.withheld()) {
      return new Figure(null, null, null, false, true);
    }
    return new Figure(
        c.attainment() == null ? null : DanishFormat.percent(c.attainment()),
        c.hasInterval() ? DanishFormat.interval(c.ciLow(), c.ciHigh()) : null,
        DanishFormat.count(c.citizens()),
        c.lowN(),
        false);
  }

  /** A theme's Danish label, with its audience where another theme has the same label. */
  public static String themeLabel(Catalogue catalogue, Catalogue.LifeTheme theme) {
    boolean shared =
        catalogue.lifeThemes().stream()
            .anyMatch(t -> t != theme && t.label().da().equals(theme.label().da()));
    if (!shared) {
      return theme.label().da();
    }
    return theme.label().da()
        + ("children".equals(theme.audience()) ? " (børn og unge)" : " (voksne)");
  }

  private GoalTypeChart goalTypes(SheetRequest request, SheetFigures figures) {
    Period main = request.periods().main();
    String title = "Måltyper for perioden " + DanishFormat.period(main);
    if (!figures.covers(main, request.org())) {
      return new GoalTypeChart(title, List.of(), "Offentliggøres ikke for denne periode.", null);
    }
    Optional<GoalTypeShares> shares =
        figures.goalTypes(Slice.total(main, request.via(), request.org()));
    if (shares.isEmpty()) {
      return new GoalTypeChart(title, List.of(), "Ingen opfølgninger i perioden.", null);
    }
    if (shares.get().withheld()) {
      return new GoalTypeChart(
          title, List.of(), MethodNote.withheldFootnote(request.threshold()), null);
    }
    List<GoalTypeBar> bars = new ArrayList<>();
    StringBuilder alt =
        new StringBuilder(
            "Vandrette søjler: andelen af alle opfulgte mål i "
                + DanishFormat.period(main)
                + ", der er opfyldte og ikke opfyldte mål af hver måltype.");
    for (GoalType type : GOAL_TYPE_ORDER) {
      double met = shares.get().met().getOrDefault(type, 0.0);
      double unmet = shares.get().unmet().getOrDefault(type, 0.0);
      String label = catalogue.labelDa("goal_type", type.code());
      bars.add(
          new GoalTypeBar(
              type.code(),
              label,
              met,
              unmet,
              DanishFormat.percent(met),
              DanishFormat.percent(unmet)));
      alt.append(' ')
          .append(label)
          .append(": opfyldt ")
          .append(DanishFormat.percent(met))
          .append(", ikke opfyldt ")
          .append(DanishFormat.percent(unmet))
          .append('.');
    }
    return new GoalTypeChart(title, bars, null, alt.toString());
  }

  /**
   * The child nodes drawn in the charts: those with figures in the window — the wide period's
   * children, or where the source does not publish the wide period (a public quarter's rolling
   * window) every quarter's, labelled as in the latest quarter that has them.
   */
  private static List<SheetFigures.Child> chartNodes(SheetRequest request, SheetFigures figures) {
    SheetPeriods p = request.periods();
    if (figures.covers(p.wide(), request.org())) {
      return figures.children(p.wide(), request.via(), request.org());
    }
    java.util.TreeMap<String, SheetFigures.Child> byId = new java.util.TreeMap<>();
    for (Period quarter : p.window()) {
      for (SheetFigures.Child child : figures.children(quarter, request.via(), request.org())) {
        byId.put(child.unitId(), child);
      }
    }
    return new ArrayList<>(byId.values());
  }

  private record TrendCharts(List<TrendChart> charts, List<TrendSeriesName> legend, String note) {}

  private TrendCharts trends(SheetRequest request, SheetFigures figures) {
    SheetPeriods p = request.periods();
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    ids.add(request.org());
    names.add(request.orgUnit().name() + " i alt");
    for (SheetFigures.Child child : chartNodes(request, figures)) {
      ids.add(child.unitId());
      names.add(child.label());
    }
    List<String> quarters = p.window().stream().map(DanishFormat::period).toList();
    List<TrendChart> charts = new ArrayList<>();
    for (Catalogue.EffectGoal effect : catalogue.effectGoals()) {
      List<TrendSeries> series = new ArrayList<>();
      StringBuilder alt =
          new StringBuilder(
              "Linjediagram: Gns. målopfyldelse for " + effect.label().da() + " pr. kvartal.");
      for (int i = 0; i < ids.size(); i++) {
        List<Double> values = new ArrayList<>();
        alt.append(' ').append(names.get(i)).append(':');
        for (int q = 0; q < p.window().size(); q++) {
          Optional<Cell> cell =
              figures.cell(
                  new Slice(p.window().get(q), request.via(), ids.get(i), effect.code(), null));
          Double value = cell.filter(c -> !c.withheld()).map(Cell::attainment).orElse(null);
          values.add(value);
          alt.append(' ')
              .append(quarters.get(q))
              .append(' ')
              .append(value == null ? "–" : DanishFormat.percent(value))
              .append(q + 1 < p.window().size() ? "," : ";");
        }
        series.add(new TrendSeries(names.get(i), values));
      }
      charts.add(
          new TrendChart(effect.code(), effect.label().da(), quarters, series, alt.toString()));
    }
    List<TrendSeriesName> legend = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      legend.add(new TrendSeriesName(names.get(i), i));
    }
    String note = null;
    if (ids.size() == 1 && UnitListBuilder.childrenUnpublished(request, figures, p.narrow())) {
      note =
          "Enhederne under "
              + request.orgUnit().name()
              + " offentliggøres ikke som åbne data; kun enheden selv vises.";
    } else if (ids.size() == 1) {
      note = "Ingen enheder under " + request.orgUnit().name() + " har tal i perioden.";
    }
    return new TrendCharts(charts, legend, note);
  }
}
