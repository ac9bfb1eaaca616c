package dk.goalattainment.connector.core.semantic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A published figure, declared once over additive {@link Measure}s (MetricFlow's typed metrics):
 * its SQL is rendered over any measure references ({@link MeasureRefs}), so the live report, the
 * cube, the saved BI metrics and REST's metric evaluation compute it the same way. A figure renders
 * its own value column and its companions (intervals, standard deviation).
 */
public sealed interface Figure {
  /** The column name of the figure's value. */
  String id();

  /** The value's type. */
  Type type();

  /** SQL of the figure's value over the given measures. */
  String sql(MeasureRefs m, SqlSyntax s);

  /** The value column and its companion columns, by column name. */
  default Map<String, String> columns(MeasureRefs m, SqlSyntax s) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put(id(), sql(m, s));
    return c;
  }

  /** Value types of figure columns. */
  enum Type {
    COUNT,
    DOUBLE,
    FLAG
  }

  /** A measure published as it is: a count, null when its side of the slice is empty. */
  record Count(String id, Measure measure) implements Figure {
    public Count {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(measure, "measure");
    }

    @Override
    public Type type() {
      return Type.COUNT;
    }

    @Override
    public String sql(MeasureRefs m, SqlSyntax s) {
      return m.ref(measure);
    }
  }

  /** The difference of two counts (e.g. goals unmet = followed up − met). */
  record Difference(String id, Measure minuend, Measure subtrahend) implements Figure {
    @Override
    public Type type() {
      return Type.COUNT;
    }

    @Override
    public String sql(MeasureRefs m, SqlSyntax s) {
      return m.ref(minuend) + " - " + m.ref(subtrahend);
    }
  }

  /**
   * numerator ÷ denominator (a share or an average per goal); with {@code intervalPrefix}, also a
   * 95 % Wilson score interval ({@code <prefix>_ci_low}, {@code <prefix>_ci_high}) with n = the
   * denominator. Null when the denominator is 0 or null.
   */
  record Ratio(String id, Measure numerator, Measure denominator, String intervalPrefix)
      implements Figure {
    public Ratio {
      Objects.requireNonNull(numerator, "numerator");
      Objects.requireNonNull(denominator, "denominator");
    }

    @Override
    public Type type() {
      return Type.DOUBLE;
    }

    @Override
    public String sql(MeasureRefs m, SqlSyntax s) {
      String den = m.ref(denominator);
      return "CASE WHEN "
          + den
          + " > 0 THEN "
          + FixedPoint.ratio(m.ref(numerator), den, s)
          + " END";
    }

    @Override
    public Map<String, String> columns(MeasureRefs m, SqlSyntax s) {
      Map<String, String> c = Figure.super.columns(m, s);
      if (intervalPrefix != null) {
        c.put(
            intervalPrefix + "_ci_low",
            Intervals.wilson(m.ref(numerator), m.ref(denominator), false, s));
        c.put(
            intervalPrefix + "_ci_high",
            Intervals.wilson(m.ref(numerator), m.ref(denominator), true, s));
      }
      return c;
    }
  }

  /**
   * The mean over citizens of each citizen's share (Σ share ÷ citizens), with its sample standard
   * deviation ({@code <prefix>_sd}) and the interval mean ± 1.96·s/√N clipped to [0, 1] ({@code
   * <prefix>_ci_low}, {@code <prefix>_ci_high}); no interval and no deviation when N &lt; 2.
   */
  record MeanOverCitizens(
      String id, Measure shareSum, Measure shareSquareSum, Measure citizens, String prefix)
      implements Figure {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }

    @Override
    public String sql(MeasureRefs m, SqlSyntax s) {
      String n = m.ref(citizens);
      return "CASE WHEN "
          + n
          + " > 0 THEN "
          + FixedPoint.ratio(m.ref(shareSum), n + " * " + FixedPoint.SHARE_SCALE, s)
          + " END";
    }

    @Override
    public Map<String, String> columns(MeasureRefs m, SqlSyntax s) {
      Map<String, String> c = Figure.super.columns(m, s);
      String n = m.ref(citizens);
      String sd = Intervals.standardDeviation(m.ref(shareSum), m.ref(shareSquareSum), n, s);
      String mean = Intervals.mean(m.ref(shareSum), n, s);
      String halfWidth =
          Intervals.Z + " * " + sd + " / SQRT(CAST(" + n + " AS " + s.doubleType() + "))";
      c.put(
          prefix + "_ci_low",
          "CASE WHEN %s >= 2 THEN %s END"
              .formatted(
                  n, FixedPoint.round("GREATEST(0.0, " + mean + " - " + halfWidth + ")", s)));
      c.put(
          prefix + "_ci_high",
          "CASE WHEN %s >= 2 THEN %s END"
              .formatted(n, FixedPoint.round("LEAST(1.0, " + mean + " + " + halfWidth + ")", s)));
      c.put(prefix + "_sd", "CASE WHEN %s >= 2 THEN %s END".formatted(n, FixedPoint.round(sd, s)));
      return c;
    }
  }

  /** True when a count is below a threshold (low N). */
  record Below(String id, Measure measure, int below) implements Figure {
    @Override
    public Type type() {
      return Type.FLAG;
    }

    @Override
    public String sql(MeasureRefs m, SqlSyntax s) {
      return m.ref(measure) + " < " + below;
    }
  }
}
