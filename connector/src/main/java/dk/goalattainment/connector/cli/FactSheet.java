package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.engine.ReportService;
import dk.goalattainment.connector.core.factsheet.FactSheetBuilder;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Danish fact sheet (FAKTABLAD): every effect goal with its life themes, Gns. målopfyldelse and
 * N (unik cpr) for a year and its last quarter, at one org node. Each row is its own slice (an
 * effect goal's N is not the sum of its themes'). Slices with fewer than 20 citizens are marked.
 */
public final class FactSheet {
  private static final Locale DA = Locale.forLanguageTag("da-DK");
  private static final int LABEL_WIDTH = 50;
  private static final int COLUMN_WIDTH = 14;

  private FactSheet() {}

  /** The year and quarter shown for a requested period: its year and that year's last quarter. */
  static Period[] columnsFor(Period period) {
    Period year = Period.year(period.year());
    Period quarter =
        period.kind() == Period.Kind.YEAR
            ? Period.quarter(period.year(), 4)
            : Period.quarter(period.year(), period.quarter());
    return new Period[] {year, quarter};
  }

  public static String render(ReportService reports, String org, Via via, Period period) {
    Catalogue catalogue = reports.catalogue();
    Period[] periods = columnsFor(period);
    Report[] byEffect = new Report[2];
    Report[] byTheme = new Report[2];
    Report[] total = new Report[2];
    for (int i = 0; i < 2; i++) {
      byEffect[i] = reports.report(new ReportRequest(periods[i], org, via, Grouping.EFFECT_GOAL));
      byTheme[i] = reports.report(new ReportRequest(periods[i], org, via, Grouping.LIFE_THEME));
      total[i] = reports.report(new ReportRequest(periods[i], org, via, Grouping.NONE));
    }
    Optional<OrgUnit> unit = reports.reader().orgUnit(org);
    StringBuilder sb = new StringBuilder();
    sb.append("FAKTABLAD – målopfyldelse i handleplanernes mål\n");
    sb.append("Enhed: ")
        .append(org)
        .append(unit.map(u -> " " + u.name()).orElse(""))
        .append(via == Via.PROVIDER ? " (udførervisning)" : " (myndighedsvisning)")
        .append('\n');
    sb.append("Perioder: ").append(periods[0]).append(" og ").append(periods[1]).append("\n\n");
    String header =
        pad("Effektmål / livstema", LABEL_WIDTH)
            + col("Gns. målopf.")
            + col("N (unik cpr)")
            + col("Gns. målopf.")
            + col("N (unik cpr)");
    sb.append(" ".repeat(LABEL_WIDTH))
        .append(centre(periods[0].code(), 2 * COLUMN_WIDTH))
        .append(centre(periods[1].code(), 2 * COLUMN_WIDTH))
        .append('\n');
    sb.append(header).append('\n').append("-".repeat(header.length())).append('\n');
    boolean anyLow = false;
    for (Catalogue.EffectGoal effect : catalogue.effectGoals()) {
      anyLow |= line(sb, effect.label().da(), effect.code(), byEffect);
      List<Catalogue.LifeTheme> themes = catalogue.themesByEffectGoal().get(effect.code());
      for (Catalogue.LifeTheme theme : themes) {
        if (byTheme[0].row(theme.code()).isPresent() || byTheme[1].row(theme.code()).isPresent()) {
          anyLow |= line(sb, "  " + themeLabel(catalogue, theme), theme.code(), byTheme);
        }
      }
    }
    sb.append("-".repeat(header.length())).append('\n');
    anyLow |= line(sb, "I alt", "*", total);
    if (anyLow) {
      sb.append(
          "\n* under 20 borgere (lav N): tallene er usikre – ingen måling uden faglig"
              + " refleksion.\n");
    }
    if (total[0].rows().isEmpty() && total[1].rows().isEmpty()) {
      sb.append("\nIngen opfølgninger i perioderne for denne enhed.\n");
    }
    return sb.toString();
  }

  /** The theme's Danish label, with its audience where another theme has the same label. */
  static String themeLabel(Catalogue catalogue, Catalogue.LifeTheme theme) {
    return FactSheetBuilder.themeLabel(catalogue, theme);
  }

  private static String centre(String s, int width) {
    int left = Math.max(0, (width - s.length()) / 2);
    return " ".repeat(left) + s + " ".repeat(Math.max(0, width - s.length() - left));
  }

  private static boolean line(StringBuilder sb, String label, String group, Report[] reports) {
    boolean low = false;
    StringBuilder cells = new StringBuilder();
    for (Report report : reports) {
      Optional<ReportRow> row = report.row(group);
      if (row.isEmpty()) {
        cells.append(col("–")).append(col("0"));
        continue;
      }
      ReportRow r = row.get();
      boolean lowN = Boolean.TRUE.equals(r.get(ReportColumn.LOW_N));
      low |= lowN;
      cells
          .append(col(percent(r.number(ReportColumn.GOAL_ATTAINMENT_AVG)) + (lowN ? "*" : " ")))
          .append(col(count(r.count(ReportColumn.CITIZENS))));
    }
    sb.append(pad(label, LABEL_WIDTH)).append(cells).append('\n');
    return low;
  }

  static String percent(Double share) {
    if (share == null) {
      return "–";
    }
    NumberFormat f = NumberFormat.getNumberInstance(DA);
    f.setMinimumFractionDigits(1);
    f.setMaximumFractionDigits(1);
    return f.format(share * 100) + " %";
  }

  static String count(Long n) {
    return n == null ? "0" : NumberFormat.getIntegerInstance(DA).format(n);
  }

  private static String pad(String s, int width) {
    if (s.length() > width) {
      return s.substring(0, width - 1) + "…";
    }
    return s + " ".repeat(width - s.length());
  }

  private static String col(String s) {
    return s.length() >= COLUMN_WIDTH ? " " + s : " ".repeat(COLUMN_WIDTH - s.length()) + s;
  }
}
