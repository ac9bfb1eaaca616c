package dk.goalattainment.connector.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.goalattainment.connector.superset.client.SupersetClient;
import dk.goalattainment.connector.superset.fake.SupersetHarness;
import dk.goalattainment.connector.superset.sync.AssetBundle;
import dk.goalattainment.connector.superset.sync.DashboardAssets;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DashboardImportTest {
  @RegisterExtension static final SupersetHarness superset = new SupersetHarness();

  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

  private static final java.util.UUID DATABASE =
      new DashboardBundleBuilder.Database("goal_attainment", DashboardTestSupport.URI, null).uuid();

  private byte[] importOnce() {
    DashboardAssets assets = DashboardTestSupport.builder().assets(DashboardTestSupport.specs());
    AssetBundle bundle =
        assets.bundle(
            assets.dashboards().stream().map(DashboardAssets.Dashboard::slug).toList(),
            DATABASE,
            T);
    try (SupersetClient client = superset.client()) {
      client.importAssets(bundle.zip(), bundle.passwords());
    }
    return bundle.zip();
  }

  private static byte[] bundleOf(LoggedRequest r) {
    return r.getPart("bundle").getBody().asBytes();
  }

  @Test
  void theSyncImportsEveryDashboardAndAReimportSendsTheSameBundle() {
    byte[] first = importOnce();
    assertThat(superset.assetWrites()).containsExactly("POST /api/v1/assets/import/");
    assertThat(superset.fake().importedFiles())
        .contains(
            "databases/goal_attainment.yaml",
            "datasets/goal_attainment/ds_attainment.yaml",
            "charts/byraad_trend.yaml",
            "dashboards/byraad.yaml",
            "dashboards/direktion.yaml",
            "dashboards/driftsomraade.yaml",
            "dashboards/enhed_team.yaml");
    assertThat(superset.fake().dashboardRoles("byraad")).isEmpty();

    importOnce();
    List<LoggedRequest> imports =
        superset.requests().stream()
            .filter(r -> URI.create(r.getUrl()).getPath().equals("/api/v1/assets/import/"))
            .toList();
    assertThat(imports).hasSize(2);
    assertThat(bundleOf(imports.get(1))).isEqualTo(bundleOf(imports.get(0))).isEqualTo(first);
    assertThat(imports.get(0).getPart("passwords").getBody().asString())
        .isEqualTo("{\"databases/goal_attainment.yaml\":\"s3cret\"}");
    Map<String, Object> files = DashboardTestSupport.files(bundleOf(imports.get(1)));
    assertThat(DashboardBundleBuilder.checkBundle(files)).isEmpty();
    assertThat(superset.fake().violations()).isEmpty();
  }
}
