package dk.goalattainment.connector.factsheet;

import dk.goalattainment.connector.core.factsheet.DanishFormat;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.GoalTypeBar;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.GoalTypeChart;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.TrendChart;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.TrendSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * The fact sheet's charts as SVG, drawn by JFreeChart on JFreeSVG: the goal types as horizontal
 * stacked bars (met and unmet shares of all goals per type), and per effect goal a line per node
 * over the quarters. Text is drawn as outlines in the bundled font, so the SVG needs no font where
 * it is shown; the HTML gives every chart a text alternative. The same data gives the same SVG.
 */
final class ChartRenderer {
  /** Colours of the trend lines: the org node itself black, its children Okabe–Ito. */
  static final List<String> PALETTE =
      List.of(
          "#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F",
          "#8C564B", "#332288");

  static final Color MET = new Color(0x1F, 0x5F, 0x99);
  static final Color UNMET = new Color(0xBD, 0xBD, 0xBD);

  private ChartRenderer() {}

  /** The colour of the i-th trend series. */
  static String colour(int index) {
    return PALETTE.get(index % PALETTE.size());
  }

  /** The goal types' horizontal stacked bars. */
  static String goalTypes(GoalTypeChart chart, int width, int height) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    double longest = 0;
    for (GoalTypeBar bar : chart.bars()) {
      data.addValue(bar.met(), "Opfyldt", bar.label());
      data.addValue(bar.unmet(), "Ikke opfyldt", bar.label());
      longest = Math.max(longest, bar.met() + bar.unmet());
    }
    StackedBarRenderer renderer = new StackedBarRenderer();
    NumberAxis values = percentAxis(Math.min(1.0, Math.ceil(longest * 10 + 0.5) / 10));
    CategoryAxis types = new CategoryAxis();
    types.setTickMarksVisible(false);
    types.setAxisLineVisible(false);
    types.setCategoryMargin(0.25);
    CategoryPlot plot = new CategoryPlot(data, types, values, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    JFreeChart jfree = new JFreeChart(null, Fonts.regular(11f), plot, true);
    style(jfree, plot);
    // after the theme, which resets series paints
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setMaximumBarWidth(0.22);
    renderer.setSeriesPaint(0, MET);
    renderer.setSeriesPaint(1, UNMET);
    renderer.setDefaultItemLabelGenerator(new PercentLabels());
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(Fonts.regular(10f));
    renderer.setSeriesItemLabelPaint(0, Color.WHITE);
    renderer.setSeriesItemLabelPaint(1, Color.BLACK);
    renderer.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER));
    return svg(jfree, "gt", width, height);
  }

  /** One effect goal's lines over the quarters. */
  static String trend(TrendChart chart, int width, int height) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (TrendSeries series : chart.series()) {
      for (int q = 0; q < chart.quarters().size(); q++) {
        data.addValue(series.values().get(q), series.name(), chart.quarters().get(q));
      }
    }
    LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
    CategoryAxis quarters = new CategoryAxis();
    quarters.setMaximumCategoryLabelLines(2);
    quarters.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    quarters.setLowerMargin(0.04);
    quarters.setUpperMargin(0.04);
    CategoryPlot plot = new CategoryPlot(data, quarters, percentAxis(1.0), renderer);
    JFreeChart jfree = new JFreeChart(null, Fonts.regular(11f), plot, false);
    style(jfree, plot);
    Shape dot = new Ellipse2D.Double(-2.5, -2.5, 5, 5);
    for (int i = 0; i < chart.series().size(); i++) {
      renderer.setSeriesPaint(i, Color.decode(colour(i)));
      renderer.setSeriesShape(i, i == 0 ? new Rectangle2D.Double(-3, -3, 6, 6) : dot);
      renderer.setSeriesStroke(
          i,
          i == 0
              ? new BasicStroke(2.4f)
              : new BasicStroke(
                  1.3f,
                  BasicStroke.CAP_BUTT,
                  BasicStroke.JOIN_ROUND,
                  1f,
                  i % 2 == 0 ? new float[] {4f, 2f} : null,
                  0f));
    }
    return svg(jfree, "tr-" + chart.code(), width, height);
  }

  /** Bar labels in Danish percent; none on bars too short to hold one. */
  private static final class PercentLabels extends StandardCategoryItemLabelGenerator {
    private static final long serialVersionUID = 1L;

    @Override
    public String generateLabel(CategoryDataset dataset, int row, int column) {
      Number v = dataset.getValue(row, column);
      return v == null || v.doubleValue() < 0.03 ? null : DanishFormat.percent(v.doubleValue());
    }
  }

  private static NumberAxis percentAxis(double upper) {
    NumberAxis axis = new NumberAxis();
    axis.setRange(0, upper);
    axis.setTickUnit(new NumberTickUnit(upper > 0.5 ? 0.2 : 0.1));
    DecimalFormat percent =
        new DecimalFormat("0 %", DecimalFormatSymbols.getInstance(DanishFormat.DA));
    axis.setNumberFormatOverride(percent);
    axis.setAxisLineVisible(false);
    axis.setTickMarksVisible(false);
    return axis;
  }

  private static void style(JFreeChart chart, CategoryPlot plot) {
    StandardChartTheme theme = new StandardChartTheme("faktablad");
    theme.setExtraLargeFont(Fonts.bold(12f));
    theme.setLargeFont(Fonts.bold(11f));
    theme.setRegularFont(Fonts.regular(10f));
    theme.setSmallFont(Fonts.regular(9f));
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setPlotOutlinePaint(Color.WHITE);
    theme.setRangeGridlinePaint(new Color(0xD0, 0xD0, 0xD0));
    theme.setDomainGridlinePaint(Color.WHITE);
    theme.setAxisLabelPaint(Color.BLACK);
    theme.setTickLabelPaint(new Color(0x33, 0x33, 0x33));
    theme.setLegendBackgroundPaint(Color.WHITE);
    theme.setShadowVisible(false);
    theme.setBarPainter(new StandardBarPainter());
    theme.apply(chart);
    plot.setOutlineVisible(false);
    plot.setRangeGridlineStroke(new BasicStroke(0.6f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setInsets(new RectangleInsets(4, 2, 2, 16));
    chart.setPadding(RectangleInsets.ZERO_INSETS);
    if (chart.getLegend() != null) {
      chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
      chart.getLegend().setItemFont(Fonts.regular(10f));
    }
  }

  static String number(double d) {
    return java.math.BigDecimal.valueOf(d)
        .setScale(2, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String svg(JFreeChart chart, String id, int width, int height) {
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    // ids stay unique when several charts are inline in one page, and the same on every run
    g2.setDefsKeyPrefix(id + "-");
    g2.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
    // two decimals of a pixel are plenty, and whole sizes print as integers (width='446')
    g2.setGeomDoubleConverter(ChartRenderer::number);
    g2.setTransformDoubleConverter(ChartRenderer::number);
    chart.draw(g2, new Rectangle(0, 0, width, height));
    return g2.getSVGElement(id);
  }
}
