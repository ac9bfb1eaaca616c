package dk.goalattainment.connector.superset.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The dashboards the sync keeps in Superset, as the dashboards adapter compiles them: their slugs
 * and roles, a fingerprint of each dashboard's bundle (kept in its {@code certification_details},
 * so that a sync imports only what changed) and the bundle to import. The bundle carries the
 * database under the UUID Superset knows it by, which the plan learns first.
 */
public interface DashboardAssets {
  /**
   * One dashboard.
   *
   * @param slug its slug (unique)
   * @param title its title
   * @param roles the roles that may open it (set through the REST API after the import: Superset's
   *     import format has no roles)
   */
  record Dashboard(String slug, String title, List<String> roles) {
    public Dashboard {
      DatabaseSpec.requireText(slug, "dashboard slug");
      roles = List.copyOf(roles);
    }
  }

  /** The dashboards, in order. */
  List<Dashboard> dashboards();

  /** The fingerprint of one dashboard's bundle, with the database under {@code databaseUuid}. */
  String fingerprint(String slug, UUID databaseUuid);

  /** One bundle with these dashboards, each carrying its fingerprint. */
  AssetBundle bundle(List<String> slugs, UUID databaseUuid, Instant timestamp);
}
