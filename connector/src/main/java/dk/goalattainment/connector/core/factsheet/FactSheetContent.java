package dk.goalattainment.connector.core.factsheet;

import java.util.List;

/**
 * The fact sheet's content in the seed's order, worded and formatted in Danish, with the chart data
 * as numbers (rendered by the adapter). Figures are formatted by {@link DanishFormat}; a null text
 * means "not shown".
 *
 * @param header title, budget goal, period, org node, view, when computed
 * @param table effect goals with their life themes, two periods side by side
 * @param goalTypes "Måltyper for perioden …"
 * @param trendTitle the heading over the per-effect-goal charts
 * @param trends one chart per effect goal over the window's quarters
 * @param trendNote why the charts show fewer lines, or null
 * @param unitLists "Udfører drift" and "Myndighed"
 * @param result the generated "Resultat" paragraph, sentence by sentence
 * @param method the method note, paragraph by paragraph
 */
public record FactSheetContent(
    Header header,
    Table table,
    GoalTypeChart goalTypes,
    String trendTitle,
    List<TrendChart> trends,
    List<TrendSeriesName> trendLegend,
    String trendNote,
    UnitLists unitLists,
    List<String> result,
    List<String> method) {
  public FactSheetContent {
    trends = List.copyOf(trends);
    trendLegend = List.copyOf(trendLegend);
    result = List.copyOf(result);
    method = List.copyOf(method);
  }

  /** The sheet's head. {@code variant} is null for the full sheet. */
  public record Header(
      String kicker,
      String title,
      String budgetGoal,
      String period,
      String org,
      String view,
      String computedAt,
      String variant) {}

  /** The table: its two period columns and its rows, with the footnotes that apply. */
  public record Table(
      String caption, List<String> columns, List<Row> rows, List<String> footnotes) {
    public Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
      footnotes = List.copyOf(footnotes);
    }
  }

  /**
   * A row: an effect goal (bold), a life theme under it, or the total.
   *
   * @param kind {@code effect}, {@code theme} or {@code total}
   */
  public record Row(String label, String kind, List<Figure> figures) {
    public Row {
      figures = List.copyOf(figures);
    }

    public boolean effect() {
      return "effect".equals(kind);
    }

    public boolean theme() {
      return "theme".equals(kind);
    }

    public boolean total() {
      return "total".equals(kind);
    }
  }

  /**
   * One slice's figures as printed. Exactly one of: {@code withheld} ("–"), {@code empty} (no
   * follow-ups, "·"), or the figures.
   *
   * @param attainment Gns. målopfyldelse, e.g. {@code 58 %}
   * @param interval its 95 % interval, e.g. {@code 55–61 %}, or null
   * @param citizens N (unik cpr), e.g. {@code 1.395}
   */
  public record Figure(
      String attainment, String interval, String citizens, boolean lowN, boolean withheld) {
    public boolean empty() {
      return !withheld && citizens == null;
    }

    public boolean shown() {
      return !withheld && citizens != null;
    }
  }

  /**
   * The goal-type bar chart and the same figures as a small table.
   *
   * @param note why no chart is shown, or null
   */
  public record GoalTypeChart(String title, List<GoalTypeBar> bars, String note, String alt) {
    public GoalTypeChart {
      bars = List.copyOf(bars);
    }
  }

  /** One goal type: met and unmet as shares of all goals followed up (0–1) and as text. */
  public record GoalTypeBar(
      String code, String label, double met, double unmet, String metText, String unmetText) {}

  /** One effect goal's chart: a line per node over the window's quarters. */
  public record TrendChart(
      String code, String title, List<String> quarters, List<TrendSeries> series, String alt) {
    public TrendChart {
      quarters = List.copyOf(quarters);
      series = List.copyOf(series);
    }
  }

  /** One node's Gns. målopfyldelse per quarter (0–1; null where none is shown). */
  public record TrendSeries(String name, List<Double> values) {
    public TrendSeries {
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }

  /** A legend entry shared by the trend charts; {@code index} picks its colour. */
  public record TrendSeriesName(String name, int index) {}

  /** The two unit lists and their legend. */
  public record UnitLists(
      String title, List<UnitList> lists, String criterion, List<String> legend) {
    public UnitLists {
      lists = List.copyOf(lists);
      legend = List.copyOf(legend);
    }
  }

  /**
   * One list: {@code Udfører drift} (provider view) or {@code Myndighed} (authority view).
   *
   * @param empty what to say when there are no entries
   */
  public record UnitList(String title, String view, List<UnitEntry> entries, String empty) {
    public UnitList {
      entries = List.copyOf(entries);
    }
  }

  /**
   * A unit: its figures in the main period, its change against the previous period ({@code +},
   * {@code −}, {@code =}, …) and against the success criterion ({@code +}, {@code −}, or null).
   */
  public record UnitEntry(
      String label,
      boolean nested,
      Figure figure,
      String previous,
      String previousText,
      String criterion) {}
}
