package dk.goalattainment.connector.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.formats.ReportFormats;
import dk.goalattainment.connector.opendata.PublicFigures;
import dk.goalattainment.connector.opendata.PublicReport;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answers of {@code /api/v1/attainment}: what the JSON holds, typed for the OpenAPI document.
 */
public final class AttainmentViews {
  private AttainmentViews() {}

  /**
   * A slice's full figures: the same document as {@code connector report --format json}.
   *
   * @param period the period asked for
   * @param org the org node
   * @param via {@code authority} or {@code provider}
   * @param by the grouping: {@code none}, {@code effect_goal}, {@code life_theme}, {@code
   *     goal_type}, {@code target_group}, {@code age_band} or {@code org_child}
   * @param rows one row per group with counted follow-ups (or goals due), ordered by group; every
   *     report column is there, null where the figure does not exist (schema ReportRow)
   */
  @Schema(name = "AttainmentReport")
  public record AttainmentReport(
      String period,
      String org,
      String via,
      String by,
      @Schema(ref = OpenApiDocument.REPORT_ROWS_REF, requiredMode = Schema.RequiredMode.REQUIRED)
          List<Map<String, Object>> rows) {
    static AttainmentReport of(Report report) {
      return new AttainmentReport(
          report.request().period().code(),
          report.request().orgUnitId(),
          report.request().via().code(),
          report.request().grouping().code(),
          ReportFormats.rows(report));
    }
  }

  /**
   * A slice's published, disclosure-controlled figures (domain.md §4), the answer to a caller
   * without the read scope for the org node.
   *
   * @param published always true: these are the published figures
   * @param threshold the fewest citizens a published cell has
   * @param computedAt when the public table was computed (at the last refresh)
   * @param rows one row per group
   */
  @Schema(name = "PublicAttainmentReport")
  public record PublicAttainmentReport(
      String period,
      String org,
      String via,
      String by,
      @JsonProperty("public") @Schema(name = "public", requiredMode = Schema.RequiredMode.REQUIRED)
          boolean published,
      int threshold,
      Instant computedAt,
      List<PublicAttainmentRow> rows) {
    static PublicAttainmentReport of(PublicReport report) {
      return new PublicAttainmentReport(
          report.request().period().code(),
          report.request().orgUnitId(),
          report.request().via().code(),
          report.request().grouping().code(),
          true,
          report.threshold(),
          report.computedAt(),
          report.rows().stream().map(PublicAttainmentRow::of).toList());
    }
  }

  /**
   * One group's published figures; a withheld cell has every figure null.
   *
   * @param group the group's code ({@code *} for the whole slice)
   * @param citizens distinct citizens with a counted follow-up
   * @param goalsFollowedUp counted follow-ups
   * @param goalsMet of those, met
   * @param goalAttainmentAvg the mean over citizens of their share of goals met
   * @param goalsMetShare goals met ÷ goals followed up
   * @param suppressed whether the cell's figures are withheld
   * @param suppressionReason why: {@code primary} (under the threshold) or {@code secondary} (so no
   *     withheld value can be recovered)
   * @param groupLabel the group's Danish label
   */
  @Schema(name = "PublicAttainmentRow")
  public record PublicAttainmentRow(
      String group,
      @Nullable Long citizens,
      @Nullable Long goalsFollowedUp,
      @Nullable Long goalsMet,
      @Nullable Double goalAttainmentAvg,
      @Nullable Double goalsMetShare,
      boolean suppressed,
      @Nullable String suppressionReason,
      @Nullable String groupLabel) {
    /** The fields of a public report's row, each of which becomes a component. */
    private static final Set<String> FIELDS =
        Set.of(
            "group",
            "citizens",
            "goals_followed_up",
            "goals_met",
            "goal_attainment_avg",
            "goals_met_share",
            "suppressed",
            "suppression_reason",
            "group_label");

    /** The row of a public report, which must have exactly {@link #FIELDS}. */
    static PublicAttainmentRow of(Map<String, Object> row) {
      if (!FIELDS.equals(row.keySet()) || !FIELDS.containsAll(PublicFigures.FIGURES)) {
        throw new IllegalStateException(
            "a public row has fields " + row.keySet() + ", not the declared " + FIELDS);
      }
      return new PublicAttainmentRow(
          (String) row.get("group"),
          count(row.get("citizens")),
          count(row.get("goals_followed_up")),
          count(row.get("goals_met")),
          number(row.get("goal_attainment_avg")),
          number(row.get("goals_met_share")),
          Boolean.TRUE.equals(row.get("suppressed")),
          (String) row.get("suppression_reason"),
          (String) row.get("group_label"));
    }

    private static Long count(Object v) {
      return v == null ? null : ((Number) v).longValue();
    }

    private static Double number(Object v) {
      return v == null ? null : ((Number) v).doubleValue();
    }
  }
}
