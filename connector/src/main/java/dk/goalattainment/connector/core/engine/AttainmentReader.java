package dk.goalattainment.connector.core.engine;

import dk.goalattainment.connector.core.model.OrgUnit;
import java.util.List;
import java.util.Optional;

/** Port: reads figures and the org tree from a store. */
public interface AttainmentReader {
  /**
   * Computes a report in the store with {@link AttainmentSql}.
   *
   * @throws dk.goalattainment.connector.core.error.ConnectorException NOT_FOUND for an unknown org
   *     unit
   */
  Report report(ReportRequest request);

  Optional<OrgUnit> orgUnit(String unitId);

  /** Every org unit, ordered by id. */
  List<OrgUnit> orgUnits();
}
