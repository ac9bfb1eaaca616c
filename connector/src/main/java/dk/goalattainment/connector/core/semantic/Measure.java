package dk.goalattainment.connector.core.semantic;

import java.util.Locale;

/**
 * An additive measure of a slice: a sum over citizens (or goals) that adds up across disjoint sets
 * of citizens, so a change can be applied as "remove the old contribution, add the new one". The
 * cube stores each as a {@code BIGINT} column of the same name; the figures are derived from them
 * ({@link Figures}). Null in a slice without counted follow-ups (follow-up measures) or without
 * goals due (compliance measures).
 */
public enum Measure {
  /** Distinct citizens with a counted follow-up. */
  CITIZENS(Side.FOLLOW_UPS, "N (unik cpr)"),
  /**
   * Σ over citizens of the citizen's share of goals met (m ÷ n), each held as a fixed-point integer
   * in units of 1/{@link FixedPoint#SHARE_SCALE} ({@link FixedPoint}).
   */
  ATTAINMENT_SHARE_SUM(Side.FOLLOW_UPS, "Sum af borgernes målopfyldelse (1/720720)"),
  /** Σ over citizens of the square of that fixed-point share, in units of 1/720720². */
  ATTAINMENT_SHARE_SQ_SUM(Side.FOLLOW_UPS, "Kvadratsum af borgernes målopfyldelse (1/720720²)"),
  /** Counted follow-ups (one per goal and period). */
  GOALS_FOLLOWED_UP(Side.FOLLOW_UPS, "Antal opfulgte mål"),
  /** Of those, met (score ≥ target). */
  GOALS_MET(Side.FOLLOW_UPS, "Antal opfyldte mål"),
  /** Of those, with progress (score > baseline). */
  GOALS_WITH_PROGRESS(Side.FOLLOW_UPS, "Antal mål med fremgang"),
  /** Σ (score − baseline). */
  DISTANCE_SUM(Side.FOLLOW_UPS, "Samlet bevægelse på linealen"),
  PROGRESSION_MET(Side.FOLLOW_UPS, "Opfyldte progressionsmål"),
  PROGRESSION_UNMET(Side.FOLLOW_UPS, "Uopfyldte progressionsmål"),
  MAINTENANCE_MET(Side.FOLLOW_UPS, "Opfyldte vedligeholdelsesmål"),
  MAINTENANCE_UNMET(Side.FOLLOW_UPS, "Uopfyldte vedligeholdelsesmål"),
  LIMITED_DECLINE_MET(Side.FOLLOW_UPS, "Opfyldte mål om begrænset tilbagegang"),
  LIMITED_DECLINE_UNMET(Side.FOLLOW_UPS, "Uopfyldte mål om begrænset tilbagegang"),
  /** Goals whose due date falls in the period. */
  GOALS_DUE(Side.DUE_DATES, "Mål til opfølgning i perioden"),
  /** Of those, with a follow-up dated on or before the due date. */
  FOLLOWUPS_ON_TIME(Side.DUE_DATES, "Rettidige opfølgninger"),
  /** Of those, without a follow-up dated on or before the period's last day. */
  FOLLOWUPS_OVERDUE(Side.DUE_DATES, "Overskredne opfølgninger");

  /** Which facts a measure sums: counted follow-ups, or goals by their due date. */
  public enum Side {
    FOLLOW_UPS,
    DUE_DATES
  }

  private final Side side;
  private final String labelDa;

  Measure(Side side, String labelDa) {
    this.side = side;
    this.labelDa = labelDa;
  }

  public Side side() {
    return side;
  }

  /** The Danish label of the cube column. */
  public String labelDa() {
    return labelDa;
  }

  /** The column name in the cube (and the alias in the engine's SQL). */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the measure counts citizens or goals (so a ratio of two counts is a share with a Wilson
   * interval), rather than summing values (shares, squares, distances on the ruler).
   */
  public boolean isCount() {
    return this != ATTAINMENT_SHARE_SUM && this != ATTAINMENT_SHARE_SQ_SUM && this != DISTANCE_SUM;
  }

  /** The measure whose emptiness makes a slice's side empty (its null marker). */
  public static Measure presence(Side side) {
    return side == Side.FOLLOW_UPS ? GOALS_FOLLOWED_UP : GOALS_DUE;
  }
}
