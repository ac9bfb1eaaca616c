package dk.goalattainment.connector.dashboards;

import dk.goalattainment.connector.superset.sync.AssetBundle;
import dk.goalattainment.connector.superset.sync.DashboardAssets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The compiled dashboards as the sync's plan and executor see them ({@link DashboardAssets}). */
final class DashboardSyncAssets implements DashboardAssets {
  private final DashboardBundleBuilder builder;
  private final List<DashboardSpec> specs;

  DashboardSyncAssets(DashboardBundleBuilder builder, List<DashboardSpec> specs) {
    this.builder = builder;
    this.specs = List.copyOf(specs);
  }

  @Override
  public List<Dashboard> dashboards() {
    return specs.stream().map(d -> new Dashboard(d.slug(), d.title(), d.roles())).toList();
  }

  @Override
  public String fingerprint(String slug, UUID databaseUuid) {
    return builder.withDatabaseUuid(databaseUuid).fingerprint(spec(slug));
  }

  @Override
  public AssetBundle bundle(List<String> slugs, UUID databaseUuid, Instant timestamp) {
    DashboardBundleBuilder b = builder.withDatabaseUuid(databaseUuid);
    Map<String, String> fingerprints = new LinkedHashMap<>();
    List<DashboardSpec> chosen = slugs.stream().map(this::spec).toList();
    chosen.forEach(d -> fingerprints.put(d.slug(), b.fingerprint(d)));
    DashboardBundleBuilder.Bundle bundle =
        b.compile(DashboardBundleBuilder.ALL, chosen, timestamp, fingerprints);
    return new AssetBundle(bundle.zip(), bundle.passwords());
  }

  private DashboardSpec spec(String slug) {
    return specs.stream()
        .filter(d -> d.slug().equals(slug))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no dashboard " + slug));
  }
}
