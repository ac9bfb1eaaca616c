package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.superset.client.SupersetClient;
import java.time.Instant;
import java.util.List;

/**
 * Imports the dashboards into Superset: the sync calls {@link #importDashboards} after it has
 * brought the database and datasets in line. The bundle carries the datasets under the sync's UUIDs
 * ({@code SupersetKeys}), with every column and metric of the definitions, so the import overwrites
 * them with the same content; the charts and dashboards have UUIDs derived from their spec ids, so
 * a second import updates them in place.
 *
 * <p>Superset's import format has no dashboard roles: the returned bundle's {@link
 * DashboardBundleBuilder.Bundle#roles()} lists them per dashboard UUID, for a {@code PUT
 * /api/v1/dashboard/<id>} with {@code roles} after the import.
 */
public final class DashboardImporter {
  private DashboardImporter() {}

  /**
   * Builds the bundle with every dashboard and imports it ({@code POST /api/v1/assets/import/}).
   *
   * @param client a logged-in client
   * @param definitions the checked definitions
   * @param specs the dashboard specs ({@link DashboardBundleBuilder#load})
   * @param database the database the datasets live in, under the UUID Superset knows it by
   * @param timestamp the bundle's timestamp (metadata.yaml)
   * @return the imported bundle
   */
  public static DashboardBundleBuilder.Bundle importDashboards(
      SupersetClient client,
      Definitions definitions,
      List<DashboardSpec> specs,
      DashboardBundleBuilder.Database database,
      Instant timestamp) {
    DashboardBundleBuilder.Bundle bundle =
        new DashboardBundleBuilder(definitions, database).buildAll(specs, timestamp);
    client.importAssets(bundle.zip(), bundle.passwords());
    return bundle;
  }
}
