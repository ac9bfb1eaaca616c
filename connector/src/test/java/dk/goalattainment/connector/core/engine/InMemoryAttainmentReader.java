package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.core.model.UnitRole;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link AttainmentReader} for the core's tests: an org tree given unit by unit, a
 * report per request (empty unless one was given), and every request it was asked, in order. An
 * unknown org unit is NOT_FOUND, as in the store.
 */
public final class InMemoryAttainmentReader implements AttainmentReader {
  private final Map<String, OrgUnit> units = new LinkedHashMap<>();
  private final Map<ReportRequest, Report> reports = new LinkedHashMap<>();
  public final List<ReportRequest> asked = new ArrayList<>();

  /** Adds an open unit without a given level. */
  public InMemoryAttainmentReader unit(String id, String parentId, UnitRole role) {
    units.put(
        id, new OrgUnit(id, "Enhed " + id, parentId, role, LocalDate.of(2018, 1, 1), null, null));
    return this;
  }

  /** The report to answer for exactly this request. */
  public InMemoryAttainmentReader answering(Report report) {
    reports.put(report.request(), report);
    return this;
  }

  @Override
  public Report report(ReportRequest request) {
    asked.add(request);
    if (!units.containsKey(request.orgUnitId())) {
      throw ReportService.unknownOrgUnit(request.orgUnitId());
    }
    return reports.getOrDefault(request, new Report(request, List.of()));
  }

  @Override
  public Optional<OrgUnit> orgUnit(String unitId) {
    return Optional.ofNullable(units.get(unitId));
  }

  @Override
  public List<OrgUnit> orgUnits() {
    return units.values().stream().sorted(Comparator.comparing(OrgUnit::unitId)).toList();
  }
}
