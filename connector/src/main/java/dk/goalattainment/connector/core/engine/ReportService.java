package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.model.AgeBand;
import dk.goalattainment.connector.core.model.GoalType;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reports for the CLI and REST: parses and checks a request's text parameters against the catalogue
 * (every problem at once, as {@link ErrorCode#BAD_REQUEST}), then computes it in the store.
 */
public final class ReportService {
  private final Catalogue catalogue;
  private final AttainmentReader reader;
  private final MaterialisedReports materialised;

  public ReportService(
      Catalogue catalogue, AttainmentReader reader, MaterialisedReports materialised) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.materialised = Objects.requireNonNull(materialised, "materialised");
  }

  public ReportService(Catalogue catalogue, AttainmentReader reader) {
    this(catalogue, reader, MaterialisedReports.NONE);
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  public AttainmentReader reader() {
    return reader;
  }

  /**
   * The report: read from the materialised attainment dataset when it is fresh and covers the
   * request, else computed live. Both give the same figures.
   *
   * @throws ConnectorException NOT_FOUND for an unknown org unit
   */
  public Report report(ReportRequest request) {
    var fromDataset = materialised.reportIfFresh(request);
    if (fromDataset.isEmpty()) {
      return reader.report(request);
    }
    if (fromDataset.get().rows().isEmpty() && reader.orgUnit(request.orgUnitId()).isEmpty()) {
      throw unknownOrgUnit(request.orgUnitId());
    }
    return fromDataset.get();
  }

  /**
   * The error for a report on an org unit that does not exist: names the id given and where the
   * units are listed. (Org units are administrative data, not personal.)
   */
  public static ConnectorException unknownOrgUnit(String unitId) {
    String id = unitId.length() > 64 ? unitId.substring(0, 64) + "…" : unitId;
    return new ConnectorException(
        ErrorCode.NOT_FOUND,
        "No org unit has the id '"
            + id
            + "'. `connector units` (or GET /api/v1/org-units) lists the units of the store.");
  }

  /** The report computed live from the goals and follow-ups, never from materialised data. */
  public Report reportLive(ReportRequest request) {
    return reader.report(request);
  }

  /**
   * Builds a request from text parameters; {@code via} and {@code by} default to authority and
   * none.
   */
  public ReportRequest request(String period, String org, String via, String by, Filters filters) {
    List<String> problems = new ArrayList<>();
    Period p = null;
    if (period == null || period.isBlank()) {
      problems.add("period is required (2019, 2019-Q4 or 2019-Q4R4)");
    } else {
      p = Period.tryParse(period).orElse(null);
      if (p == null) {
        problems.add("period must be a year (2019), a quarter (2019-Q4) or rolling (2019-Q4R4)");
      }
    }
    if (org == null || org.isBlank()) {
      problems.add("org is required (an org unit id)");
    }
    Via v = Via.AUTHORITY;
    if (via != null && !via.isBlank()) {
      v = Via.fromCode(via.strip()).orElse(null);
      if (v == null) {
        problems.add("via must be authority or provider");
      }
    }
    Grouping g = Grouping.NONE;
    if (by != null && !by.isBlank()) {
      g = Grouping.fromCode(by.strip()).orElse(null);
      if (g == null) {
        problems.add(
            "by must be one of "
                + Arrays.stream(Grouping.values())
                    .map(Grouping::code)
                    .collect(Collectors.joining(", ")));
      }
    }
    if (filters != null) {
      check(
          problems,
          "effect_goal",
          filters.effectGoal(),
          catalogue.effectGoal(filters.effectGoal()).isPresent());
      check(
          problems,
          "life_theme",
          filters.lifeTheme(),
          catalogue.lifeTheme(filters.lifeTheme()).isPresent());
      check(
          problems,
          "target_group",
          filters.targetGroup(),
          catalogue.targetGroup(filters.targetGroup()).isPresent());
      check(
          problems,
          "goal_type",
          filters.goalType(),
          GoalType.fromCode(filters.goalType()).isPresent());
      check(
          problems, "age_band", filters.ageBand(), AgeBand.fromCode(filters.ageBand()).isPresent());
    }
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "Invalid report parameters: " + String.join("; ", problems));
    }
    return new ReportRequest(p, org.strip(), v, g, filters);
  }

  private static void check(List<String> problems, String name, String value, boolean known) {
    if (value != null && !value.isBlank() && !known) {
      problems.add(name + " is not a code of the catalogue");
    }
  }
}
