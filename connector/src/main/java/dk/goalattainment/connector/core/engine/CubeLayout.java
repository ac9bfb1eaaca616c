package dk.goalattainment.connector.core.engine;

/**
 * How the refresh packs a goal's dimensions into integers, so that the engine groups and joins on
 * small integer keys instead of wide strings (issue 12). Codes are dictionary numbers ({@code 1..n}
 * per dimension, 0 = "all"); org units are numbered in depth-first order, so a subtree is a range.
 *
 * <p>A <em>cell</em> packs {@code target_group | effect_goal | life_theme | goal_type} (high to low
 * bits); clearing a field is the "all" member of that dimension, and a theme's cell keeps its
 * effect goal. A <em>member</em> packs one counted follow-up for the per-citizen step: {@code
 * authority unit | provider unit (0 = none) | cell | met}.
 */
public record CubeLayout(int tgBits, int egBits, int ltBits, int gtBits, int unitBits) {
  public CubeLayout {
    if (cellBits(tgBits, egBits, ltBits, gtBits) + 2 * unitBits + 1 > 62) {
      throw new IllegalArgumentException("too many codes or units to pack into 64 bits");
    }
  }

  private static int cellBits(int... bits) {
    int sum = 0;
    for (int b : bits) {
      sum += b;
    }
    return sum;
  }

  /** A layout with room for the given numbers of codes and units. */
  public static CubeLayout forSizes(
      int targetGroups, int effectGoals, int lifeThemes, int goalTypes, int units) {
    return new CubeLayout(
        bits(targetGroups), bits(effectGoals), bits(lifeThemes), bits(goalTypes), bits(units));
  }

  /** Bits to hold the numbers 0..n. */
  static int bits(int n) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(n));
  }

  public int gtShift() {
    return 0;
  }

  public int ltShift() {
    return gtBits;
  }

  public int egShift() {
    return gtBits + ltBits;
  }

  public int tgShift() {
    return gtBits + ltBits + egBits;
  }

  public int cellBits() {
    return tgBits + egBits + ltBits + gtBits;
  }

  long field(int bits, int shift) {
    return ((1L << bits) - 1) << shift;
  }

  public long tgMask() {
    return field(tgBits, tgShift());
  }

  public long egMask() {
    return field(egBits, egShift());
  }

  public long ltMask() {
    return field(ltBits, ltShift());
  }

  public long gtMask() {
    return field(gtBits, gtShift());
  }

  /** SQL packing four code ids (0 = all) into a cell. */
  public String cell(String tg, String eg, String lt, String gt) {
    return "((%s << %d) | (%s << %d) | (%s << %d) | %s)"
        .formatted(tg, tgShift(), eg, egShift(), lt, ltShift(), gt);
  }

  /** SQL of a field's id (0 = all) from a cell expression. */
  public String tg(String cell) {
    return "((" + cell + " >> " + tgShift() + ") & " + ((1L << tgBits) - 1) + ")";
  }

  public String eg(String cell) {
    return "((" + cell + " >> " + egShift() + ") & " + ((1L << egBits) - 1) + ")";
  }

  public String lt(String cell) {
    return "((" + cell + " >> " + ltShift() + ") & " + ((1L << ltBits) - 1) + ")";
  }

  public String gt(String cell) {
    return "(" + cell + " & " + ((1L << gtBits) - 1) + ")";
  }

  /** Shift of the cell within a member key. */
  public int memberCellShift() {
    return 1;
  }

  public int memberProviderShift() {
    return 1 + cellBits();
  }

  public int memberAuthorityShift() {
    return 1 + cellBits() + unitBits;
  }

  public long unitMask() {
    return (1L << unitBits) - 1;
  }

  public long cellMask() {
    return (1L << cellBits()) - 1;
  }

  /**
   * The mask that keeps the fields of a target level: target group kept at level 0 (cleared at 1 =
   * all); theme kept at 0, only its effect goal at 1, nothing at 2; goal type kept at 0.
   */
  public long mask(int tgLevel, int themeLevel, int gtLevel) {
    long m = 0;
    if (tgLevel == 0) {
      m |= tgMask();
    }
    if (themeLevel <= 1) {
      m |= egMask();
    }
    if (themeLevel == 0) {
      m |= ltMask();
    }
    if (gtLevel == 0) {
      m |= gtMask();
    }
    return m;
  }
}
