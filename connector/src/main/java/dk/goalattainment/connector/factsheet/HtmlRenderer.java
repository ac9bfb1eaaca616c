package dk.goalattainment.connector.factsheet;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dk.goalattainment.connector.core.factsheet.FactSheetContent;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.TrendChart;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fact sheet as one self-contained, accessible XHTML page: the Mustache template {@code
 * factsheet/faktablad.mustache} with its stylesheet inlined and the charts inline as SVG. Real
 * tables with {@code <th scope>}, every chart a {@code role="img"} with a text alternative, and the
 * goal types also as a table. The same content gives the same bytes.
 */
final class HtmlRenderer {
  /** Chart sizes in CSS pixels (96 per inch). */
  static final int GOAL_TYPES_WIDTH = 446;

  static final int GOAL_TYPES_HEIGHT = 150;
  static final int TREND_WIDTH = 222;
  static final int TREND_HEIGHT = 165;

  private static final Template TEMPLATE =
      Mustache.compiler()
          .escapeHTML(true)
          .defaultValue("")
          .compile(text("/factsheet/faktablad.mustache"));
  private static final String CSS = text("/factsheet/faktablad.css");

  private HtmlRenderer() {}

  /** The page. */
  static String render(FactSheetContent sheet, boolean publicSheet) {
    Map<String, Object> view = new HashMap<>();
    view.put("documentTitle", documentTitle(sheet));
    view.put("css", CSS);
    view.put("public", publicSheet);
    view.put("columnSpan", publicSheet ? 2 : 3);
    view.put("header", sheet.header());
    view.put("table", sheet.table());
    view.put("goalTypes", sheet.goalTypes());
    view.put(
        "goalTypeSvg",
        sheet.goalTypes().bars().isEmpty()
            ? null
            : ChartRenderer.goalTypes(sheet.goalTypes(), GOAL_TYPES_WIDTH, GOAL_TYPES_HEIGHT));
    view.put("trendTitle", sheet.trendTitle());
    view.put("trendNote", sheet.trendNote());
    List<Map<String, Object>> trends = new ArrayList<>();
    for (TrendChart chart : sheet.trends()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("title", chart.title());
      t.put("alt", chart.alt());
      t.put("svg", ChartRenderer.trend(chart, TREND_WIDTH, TREND_HEIGHT));
      trends.add(t);
    }
    view.put("trendCharts", trends);
    view.put(
        "legend",
        sheet.trendLegend().stream()
            .map(l -> Map.of("name", l.name(), "colour", ChartRenderer.colour(l.index())))
            .toList());
    boolean criterion = sheet.unitLists().criterion() != null;
    view.put("unitLists", sheet.unitLists());
    view.put("criterionShown", criterion);
    view.put("emptySpan", criterion ? 5 : 4);
    view.put("resultText", String.join(" ", sheet.result()));
    view.put("method", sheet.method());
    return TEMPLATE.execute(view);
  }

  /** "Faktablad – Socialforvaltningen – 2021". */
  static String documentTitle(FactSheetContent sheet) {
    String org = sheet.header().org();
    int paren = org.lastIndexOf(" (");
    return "Faktablad – "
        + (paren > 0 ? org.substring(0, paren) : org)
        + " – "
        + sheet.header().period().replaceAll(" \\(.*\\)$", "");
  }

  private static String text(String resource) {
    try (InputStream in = HtmlRenderer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = r.read(buf)) > 0; ) {
          b.append(buf, 0, n);
        }
        return b.toString();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
