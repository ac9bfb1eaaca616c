package dk.goalattainment.connector.superset.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.superset.client.FilterType;
import dk.goalattainment.connector.superset.client.SupersetClient;
import dk.goalattainment.connector.superset.fake.FakeSuperset;
import dk.goalattainment.connector.superset.fake.SupersetHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SupersetSyncTest {
  @RegisterExtension static final SupersetHarness superset = new SupersetHarness();

  private static final String PASSWORD = "r3ader-Secret";
  private static final String URI =
      "postgresql+psycopg2://superset_reader:" + PASSWORD + "@db:5432/goals";
  private static final String DEFS = "https://git.example/goal-attainment/dataset-definitions/";

  private final List<String> printed = new ArrayList<>();

  @BeforeEach
  void roles() {
    superset.fake().addRole("Admin");
    superset.fake().addRole("Enhed FBU");
  }

  static DatabaseSpec database(String uri) {
    return new DatabaseSpec("goal_attainment", uri, true, DEFS + "superset.yaml", null);
  }

  static DatasetSpec attainment(String rateLabel, List<MetricSpec> extra) {
    List<MetricSpec> metrics = new ArrayList<>();
    metrics.add(
        new MetricSpec(
            "attainment_rate",
            rateLabel,
            "AVG(attained)",
            "Andel af mål, der er nået ved opfølgning",
            ".1%",
            null,
            new Certification("Socialforvaltningen", "Definition v1, domain.md §3")));
    metrics.addAll(extra);
    return new DatasetSpec(
        "attainment",
        "mart",
        "Målopfyldelse pr. enhed og periode",
        null,
        DEFS + "attainment.yaml",
        List.of(
            new ColumnSpec("unit_id", "Enhed", "Myndighedsenhed", null, null, true, true),
            new ColumnSpec("period_start", "Periodestart", null, "DATE", true, null, null),
            new ColumnSpec("attained", "Opnået", "1 hvis målet er nået", null, false, null, null)),
        metrics);
  }

  static MetricSpec goalCount() {
    return new MetricSpec(
        "goal_count", "Antal mål", "COUNT(*)", null, ",d", "Små tal kan være støj", null);
  }

  static DatasetSpec followups() {
    return new DatasetSpec(
        "followups",
        "mart",
        "Opfølgninger",
        null,
        DEFS + "followups.yaml",
        List.of(new ColumnSpec("score", "Score", "Dialoglinealen 1-10", null, null, null, null)),
        List.of(new MetricSpec("avg_score", "Gns. score", "AVG(score)", null, ".1f", null, null)));
  }

  static RlsRuleSpec fbuRule() {
    return new RlsRuleSpec(
        "goal-attainment: FBU",
        FilterType.REGULAR,
        List.of("attainment", "followups"),
        List.of("Enhed FBU"),
        "authority_unit_id IN ('FBU', 'FBU-BC')",
        "org",
        "Familier, Børn og Unge ser kun egne enheder");
  }

  static DesiredState desired() {
    return new DesiredState(
        database(URI),
        List.of(attainment("Målopfyldelse", List.of(goalCount())), followups()),
        List.of(fbuRule()));
  }

  private SyncResult sync(DesiredState desired, SyncOptions options) {
    printed.clear();
    try (SupersetClient client = superset.client()) {
      return new SupersetSync(client, Ownership.DEFAULT).run(desired, options, printed::add);
    }
  }

  private static final SyncOptions APPLY = new SyncOptions(false, false);
  private static final SyncOptions PRUNE = new SyncOptions(false, true);

  @Test
  void theFirstSyncCreatesEverythingWithDeterministicUuidsAndManagementFlags() {
    SyncResult result = sync(desired(), APPLY);

    assertThat(result.applied()).isTrue();
    FakeSuperset fake = superset.fake();
    FakeSuperset.Db db = fake.databases().get(0);
    assertThat(db.uuid).isEqualTo(SupersetKeys.databaseUuid("goal_attainment"));
    assertThat(db.managed).isTrue();
    assertThat(db.externalUrl).isEqualTo(DEFS + "superset.yaml");
    assertThat(db.password).isEqualTo(PASSWORD);

    FakeSuperset.Ds ds = fake.dataset("attainment");
    assertThat(ds.uuid).isEqualTo(UUID.fromString("1cf4f74e-8a07-540d-a5bf-54eaa21975de"));
    assertThat(ds.managed).isTrue();
    assertThat(ds.schema).isEqualTo("mart");
    assertThat(ds.description).isEqualTo("Målopfyldelse pr. enhed og periode");
    assertThat(ds.externalUrl).isEqualTo(DEFS + "attainment.yaml");
    assertThat(ds.columns)
        .extracting(c -> c.verbose)
        .containsExactly("Enhed", "Periodestart", "Opnået");
    assertThat(ds.column("period_start").isDttm).isTrue();
    assertThat(ds.column("unit_id").uuid)
        .isEqualTo(SupersetKeys.columnUuid("attainment", "unit_id"));

    FakeSuperset.Met rate = ds.metric("attainment_rate");
    assertThat(rate.uuid).isEqualTo(SupersetKeys.metricUuid("attainment", "attainment_rate"));
    assertThat(rate.verbose).isEqualTo("Målopfyldelse");
    assertThat(rate.d3format).isEqualTo(".1%");
    assertThat(rate.extra)
        .isEqualTo(
            "{\"certification\":{\"certified_by\":\"Socialforvaltningen\","
                + "\"details\":\"Definition v1, domain.md §3\"}}");
    assertThat(ds.metric("goal_count").warningText).isEqualTo("Små tal kan være støj");

    FakeSuperset.Rls rule = fake.rlsRules().get(0);
    assertThat(rule.name).isEqualTo("goal-attainment: FBU");
    assertThat(rule.tables).containsExactlyInAnyOrder(ds.id, fake.dataset("followups").id);
    assertThat(rule.groupKey).isEqualTo("org");

    assertThat(superset.assetWrites())
        .containsExactly(
            "POST /api/v1/database/",
            "POST /api/v1/assets/import/",
            "PUT /api/v1/dataset/" + ds.id,
            "PUT /api/v1/dataset/" + fake.dataset("followups").id,
            "POST /api/v1/rowlevelsecurity/");
    assertThat(result.writeRequests()).isEqualTo(5);
  }

  @Test
  void newDatasetsGoThroughTheAssetsImportWithThePasswordOutsideTheYaml() {
    sync(desired(), APPLY);

    assertThat(superset.fake().importedFiles())
        .containsExactly(
            "metadata.yaml",
            "databases/goal_attainment.yaml",
            "datasets/goal_attainment/attainment.yaml",
            "datasets/goal_attainment/followups.yaml");
    assertThat(superset.fake().databases().get(0).password).isEqualTo(PASSWORD);
  }

  @Test
  void secondSyncAgainstUnchangedStateSendsNoWrites() {
    sync(desired(), PRUNE);
    superset.fake().expireAccessTokens();
    int before = superset.requests().size();

    SyncResult second = sync(desired(), PRUNE);

    assertThat(second.plan().hasChanges()).isFalse();
    assertThat(second.plan().summary())
        .isEqualTo("Plan: 0 to create, 0 to update, 0 to delete, 11 unchanged.");
    assertThat(second.writeRequests()).isZero();
    List<String> secondRun = superset.calls().subList(before, superset.calls().size());
    assertThat(secondRun)
        .allMatch(call -> call.startsWith("GET ") || call.equals("POST /api/v1/security/login"))
        .doesNotContain("GET /api/v1/security/csrf_token/");
    assertThat(printed).last().isEqualTo("Superset is up to date.");
  }

  @Test
  void dryRunSendsNoWrites() {
    SyncResult result = sync(desired(), new SyncOptions(true, true));

    assertThat(result.applied()).isFalse();
    assertThat(result.plan().count(Action.CREATE)).isEqualTo(11);
    assertThat(superset.assetWrites()).isEmpty();
    assertThat(superset.fake().databases()).isEmpty();
    assertThat(printed).last().isEqualTo("Dry run: nothing was changed.");
  }

  @Test
  void dryRunAgainstExistingStateSendsNoWritesEither() {
    sync(desired(), APPLY);
    int before = superset.assetWrites().size();

    SyncResult result =
        sync(
            new DesiredState(database(URI), List.of(attainment("Ny etiket", List.of())), List.of()),
            new SyncOptions(true, true));

    assertThat(result.plan().hasChanges()).isTrue();
    assertThat(superset.assetWrites()).hasSize(before);
  }

  @Test
  void thePlanPrintsEveryAssetLikeTerraformPlan() {
    sync(desired(), new SyncOptions(true, false));

    assertThat(printed)
        .containsExactly(
            "+ create database \"goal_attainment\"",
            "+ create dataset \"mart.attainment\"",
            "+ create column \"mart.attainment.unit_id\"",
            "+ create column \"mart.attainment.period_start\"",
            "+ create column \"mart.attainment.attained\"",
            "+ create metric \"mart.attainment.attainment_rate\"",
            "+ create metric \"mart.attainment.goal_count\"",
            "+ create dataset \"mart.followups\"",
            "+ create column \"mart.followups.score\"",
            "+ create metric \"mart.followups.avg_score\"",
            "+ create rls rule \"goal-attainment: FBU\"",
            "Plan: 11 to create, 0 to update, 0 to delete, 0 unchanged.",
            "Dry run: nothing was changed.");
  }

  @Test
  void anUpdatePlanNamesTheDifferingFieldsAndCountsTheRestAsUnchanged() {
    sync(desired(), APPLY);
    DatasetSpec changed = attainment("Målopfyldelse (andel)", List.of(goalCount()));
    DesiredState next =
        new DesiredState(database(URI), List.of(changed, followups()), List.of(fbuRule()));

    SyncResult result = sync(next, APPLY);

    assertThat(printed)
        .contains(
            "~ update metric \"mart.attainment.attainment_rate\" (verbose_name)",
            "  unchanged dataset \"mart.attainment\"",
            "  unchanged column \"mart.attainment.unit_id\"",
            "Plan: 0 to create, 1 to update, 0 to delete, 10 unchanged.");
    assertThat(result.writeRequests()).isEqualTo(1);
  }

  @Test
  void aChangedMetricLabelIsOneDatasetUpdateThatKeepsEveryId() {
    sync(desired(), APPLY);
    FakeSuperset.Ds ds = superset.fake().dataset("attainment");
    List<Integer> metricIds = ds.metrics.stream().map(m -> m.id).toList();
    List<Integer> columnIds = ds.columns.stream().map(c -> c.id).toList();
    int before = superset.assetWrites().size();

    sync(
        new DesiredState(
            database(URI),
            List.of(attainment("Målopfyldelse (andel)", List.of(goalCount())), followups()),
            List.of(fbuRule())),
        APPLY);

    assertThat(superset.assetWrites().subList(before, superset.assetWrites().size()))
        .containsExactly("PUT /api/v1/dataset/" + ds.id);
    assertThat(ds.metrics.stream().map(m -> m.id).toList()).isEqualTo(metricIds);
    assertThat(ds.columns.stream().map(c -> c.id).toList()).isEqualTo(columnIds);
    assertThat(ds.metric("attainment_rate").verbose).isEqualTo("Målopfyldelse (andel)");
  }

  @Test
  void metricsAndColumnsAddedByHandAreKeptAndNeverPlannedForDeletion() {
    sync(desired(), APPLY);
    FakeSuperset.Ds ds = superset.fake().dataset("attainment");
    superset.fake().addMetric(ds, "hand_made", "MAX(score)", null);
    int before = superset.assetWrites().size();

    SyncResult result = sync(desired(), PRUNE);

    assertThat(result.plan().changes())
        .noneMatch(c -> c.name().endsWith("hand_made"))
        .noneMatch(c -> c.action() == Action.DELETE);
    assertThat(superset.assetWrites()).hasSize(before);
    assertThat(ds.metric("hand_made")).isNotNull();
  }

  @Test
  void pruneDeletesOnlyManagedAssets() {
    sync(desired(), APPLY);
    FakeSuperset fake = superset.fake();
    FakeSuperset.Db db = fake.databases().get(0);
    FakeSuperset.Ds handMade = fake.addDataset(db, "mart", "scratch", UUID.randomUUID(), false);
    FakeSuperset.Ds managedByOthers =
        fake.addDataset(db, "mart", "other_tool", UUID.randomUUID(), true);
    FakeSuperset.Ds attainment = fake.dataset("attainment");
    fake.addMetric(attainment, "count", "COUNT(*)", null);
    fake.addRlsRule("Manual rule", List.of(attainment.id), List.of());
    DesiredState smaller =
        new DesiredState(database(URI), List.of(attainment("Målopfyldelse", List.of())), List.of());

    SyncResult result = sync(smaller, PRUNE);

    assertThat(result.plan().changes())
        .filteredOn(c -> c.action() == Action.DELETE)
        .extracting(Change::line)
        .containsExactly(
            "- delete metric \"mart.attainment.goal_count\"",
            "- delete dataset \"mart.followups\"",
            "- delete rls rule \"goal-attainment: FBU\"");
    assertThat(fake.datasets())
        .extracting(d -> d.table)
        .containsExactlyInAnyOrder("attainment", "scratch", "other_tool");
    assertThat(attainment.metrics)
        .extracting(m -> m.name)
        .containsExactly("attainment_rate", "count");
    assertThat(fake.rlsRules()).extracting(r -> r.name).containsExactly("Manual rule");
    assertThat(handMade.table).isEqualTo("scratch");
    assertThat(managedByOthers.managed).isTrue();
    assertThat(superset.assetWrites())
        .endsWith(
            "PUT /api/v1/dataset/" + attainment.id,
            "DELETE /api/v1/rowlevelsecurity/" + result.plan().rlsRules.get(0).remote().id(),
            "DELETE /api/v1/dataset/" + result.plan().datasets.get(1).remote().id());
  }

  @Test
  void withoutPruneNothingIsDeleted() {
    sync(desired(), APPLY);
    int before = superset.assetWrites().size();
    DesiredState smaller =
        new DesiredState(database(URI), List.of(attainment("Målopfyldelse", List.of())), List.of());

    SyncResult result = sync(smaller, APPLY);

    assertThat(result.plan().count(Action.DELETE)).isZero();
    assertThat(superset.assetWrites()).hasSize(before);
    assertThat(superset.fake().datasets()).hasSize(2);
    assertThat(superset.fake().dataset("attainment").metric("goal_count")).isNotNull();
  }

  @Test
  void assetsCreatedByHandAreAdoptedAndTheUuidMismatchIsAWarning() {
    FakeSuperset fake = superset.fake();
    FakeSuperset.Db db = fake.addDatabase("goal_attainment", URI, UUID.randomUUID(), false);
    FakeSuperset.Ds ds = fake.addDataset(db, "mart", "attainment", UUID.randomUUID(), false);
    FakeSuperset.Met count = fake.addMetric(ds, "count", "COUNT(*)", null);

    SyncResult result = sync(desired(), APPLY);

    assertThat(printed)
        .contains(
            "~ update database \"goal_attainment\" (is_managed_externally)",
            "~ update dataset \"mart.attainment\" (description, is_managed_externally)",
            "+ create dataset \"mart.followups\"");
    assertThat(result.plan().warnings())
        .singleElement()
        .asString()
        .contains("dataset mart.attainment has UUID " + ds.uuid, "prune will not recognise it");
    assertThat(fake.databases()).hasSize(1);
    assertThat(fake.dataset("followups").dbId).isEqualTo(db.id);
    assertThat(ds.metric("count").id).isEqualTo(count.id);

    assertThat(sync(desired(), PRUNE).plan().hasChanges()).isFalse();
  }

  @Test
  void aChangedDatabaseUriIsPlannedAsAnUpdateWithoutShowingThePassword() {
    sync(desired(), APPLY);
    String moved = "postgresql+psycopg2://superset_reader:" + PASSWORD + "@db2:5432/goals";

    SyncResult result =
        sync(new DesiredState(database(moved), desired().datasets(), desired().rlsRules()), APPLY);

    assertThat(printed).contains("~ update database \"goal_attainment\" (sqlalchemy_uri)");
    assertThat(superset.fake().databases().get(0).uri).contains("@db2:5432");
    assertThat(String.join("\n", printed)).doesNotContain(PASSWORD);
    assertThat(result.plan().render() + desired() + result).doesNotContain(PASSWORD);
  }

  @Test
  void anRlsRuleWhoseRolesChangeIsUpdatedInPlace() {
    sync(desired(), APPLY);
    superset.fake().addRole("Enhed SUV");
    RlsRuleSpec wider =
        new RlsRuleSpec(
            "goal-attainment: FBU",
            FilterType.REGULAR,
            List.of("attainment"),
            List.of("Enhed FBU", "Enhed SUV"),
            fbuRule().clause(),
            "org",
            fbuRule().description());

    sync(new DesiredState(database(URI), desired().datasets(), List.of(wider)), APPLY);

    assertThat(printed).contains("~ update rls rule \"goal-attainment: FBU\" (tables, roles)");
    assertThat(superset.fake().rlsRules().get(0).roles).hasSize(2);
    assertThat(superset.fake().rlsRules().get(0).tables)
        .containsExactly(superset.fake().dataset("attainment").id);
  }

  @Test
  void aMissingRoleFailsThePlanNamingTheRoleAndWritesNothing() {
    RlsRuleSpec unknownRole =
        new RlsRuleSpec(
            "goal-attainment: VH",
            FilterType.REGULAR,
            List.of("attainment"),
            List.of("Enhed VH"),
            "authority_unit_id = 'VH'",
            null,
            null);

    assertThatThrownBy(
            () ->
                sync(
                    new DesiredState(database(URI), desired().datasets(), List.of(unknownRole)),
                    APPLY))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
              assertThat(e.getMessage()).contains("Enhed VH", "does not create roles");
            });
    assertThat(superset.assetWrites()).isEmpty();
  }

  @Test
  void aSupersetWithoutTheRolesApiFailsThePlanWithHowToEnableIt() {
    superset.fake().disableRolesApi();

    assertThatThrownBy(() -> sync(desired(), APPLY)).hasMessageContaining("FAB_ADD_SECURITY_API");
    assertThat(superset.assetWrites()).isEmpty();
  }

  @Test
  void rlsRuleNamesWithoutTheConnectorsPrefixAreRefused() {
    RlsRuleSpec unprefixed =
        new RlsRuleSpec(
            "FBU only",
            FilterType.REGULAR,
            List.of("attainment"),
            List.of("Enhed FBU"),
            "1 = 1",
            null,
            null);

    assertThatThrownBy(
            () ->
                sync(
                    new DesiredState(database(URI), desired().datasets(), List.of(unprefixed)),
                    APPLY))
        .hasMessageContaining("must start with 'goal-attainment: '");
    assertThat(superset.requests()).isEmpty();
  }

  @Test
  void theDesiredStateRefusesRulesOnUnknownTablesAndDuplicateNames() {
    assertThatThrownBy(
            () -> new DesiredState(database(URI), List.of(followups()), List.of(fbuRule())))
        .hasMessageContaining("names table attainment, which is not a desired dataset");
    assertThatThrownBy(
            () -> new DesiredState(database(URI), List.of(followups(), followups()), List.of()))
        .hasMessageContaining("listed twice");
  }
}
