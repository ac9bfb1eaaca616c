package dk.goalattainment.connector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.TestCatalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.Filters;
import dk.goalattainment.connector.core.engine.Report;
import dk.goalattainment.connector.core.engine.ReportColumn;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportRow;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.ingest.IngestBatch;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordSource;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.definitions.CheckedDefinitions;
import dk.goalattainment.connector.definitions.DefinitionFiles;
import dk.goalattainment.connector.demo.DemoData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The refreshed cube on every database: it holds the live engine's figures for several hundred
 * slices, bit for bit; an incremental refresh after inserts, replacements and late follow-ups
 * equals a full one in every row, also while the data's as-of date moves; a second refresh while
 * one runs is refused.
 */
abstract class CubeContractTest extends AbstractStoreContractTest {
  static final int CITIZENS = 300;
  static final long SEED = 7;

  final Definitions definitions =
      CheckedDefinitions.load(
              new DefinitionFiles(TestCatalogue.definitionsDir()), TestCatalogue.get())
          .definitions();

  /**
   * Every how many of the requests the cube = live check compares: all on DuckDB (the exhaustive
   * check); on PostgreSQL every third (still several hundred slices), to keep the build fast.
   */
  protected int requestStride() {
    return database() == dk.goalattainment.connector.TestDatabase.POSTGRES ? 3 : 1;
  }

  DatasetRefresher.Result refresh(boolean full) {
    return refresh(full, null);
  }

  DatasetRefresher.Result refresh(boolean full, LocalDate asOf) {
    return new DatasetRefresher(db.store)
        .refresh(definitions, new DatasetRefresher.Request(full, asOf), RefreshListener.NONE);
  }

  private static final Set<ReportColumn> NOT_FIGURES =
      Set.of(ReportColumn.GROUP_LABEL, ReportColumn.PERIOD, ReportColumn.GROUPING);

  /** Asserts the cube's report equals the live one; answers whether it has rows. */
  private boolean assertSameFigures(CubeReports cube, ReportRequest request) {
    Report live = db.store.report(request);
    Report fromCube = cube.report(request).orElseThrow();
    assertThat(fromCube.rows())
        .extracting(ReportRow::group)
        .as(request.toString())
        .containsExactlyElementsOf(live.rows().stream().map(ReportRow::group).toList());
    for (int i = 0; i < live.rows().size(); i++) {
      ReportRow a = live.rows().get(i);
      ReportRow b = fromCube.rows().get(i);
      for (ReportColumn c : ReportColumn.values()) {
        if (!NOT_FIGURES.contains(c)) {
          // the same integer sums and the same formulas: the same value, to the last bit
          assertThat(b.get(c))
              .as(request + " group " + a.group() + " " + c.id())
              .isEqualTo(a.get(c));
        }
      }
    }
    return !live.rows().isEmpty();
  }

  @Test
  void theCubeHoldsTheLiveEnginesFiguresForEverySlice() {
    db.ingest(new DemoData(TestCatalogue.get(), CITIZENS, SEED).batch());
    refresh(false);
    CubeReports cube = new CubeReports(db.store, "ds_attainment");
    List<ReportRequest> requests = new ArrayList<>();
    for (String period : List.of("2019", "2020-Q3", "2021-Q2R4", "2018-Q1")) {
      for (String org : List.of("AAK", "FBU", "SUV", "BC", "MC", "VH-M")) {
        for (Via via : Via.values()) {
          for (Grouping g : Grouping.values()) {
            if (g != Grouping.AGE_BAND) {
              requests.add(new ReportRequest(Period.tryParse(period).orElseThrow(), org, via, g));
            }
          }
        }
      }
    }
    requests.add(
        new ReportRequest(
            Period.year(2020),
            "SOC",
            Via.AUTHORITY,
            Grouping.GOAL_TYPE,
            new Filters("NM", null, "boern_unge_udsatte", null, null)));
    requests.add(
        new ReportRequest(
            Period.year(2020),
            "SOC",
            Via.PROVIDER,
            Grouping.TARGET_GROUP,
            new Filters(null, "relationer", null, "progression", null)));
    int nonEmpty = 0;
    int compared = 0;
    for (int i = 0; i < requests.size(); i += requestStride()) {
      nonEmpty += assertSameFigures(cube, requests.get(i)) ? 1 : 0;
      compared++;
    }
    assertThat(requests).hasSizeGreaterThan(250);
    assertThat(nonEmpty).as("most slices have data").isGreaterThan(compared / 2);
  }

  @Test
  void anIncrementalRefreshEqualsAFullOneAfterInsertsReplacementsAndLateFollowUps() {
    DemoData demo = new DemoData(TestCatalogue.get(), CITIZENS, SEED);
    db.ingest(demo.batch());
    assertThat(refresh(false).kind()).isEqualTo(DatasetRefresher.Kind.FULL);
    List<RawGoal> goals = new ArrayList<>();
    demo.goals().forEach(r -> goals.add(r.record()));
    List<RawFollowUp> followUps = new ArrayList<>();
    demo.followUps().forEach(r -> followUps.add(r.record()));

    db.ingest(CubeChanges.changes(goals, followUps, 0));
    DatasetRefresher.Result first = refresh(false);
    assertThat(first.kind()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
    db.ingest(CubeChanges.changes(goals, followUps, 1));
    DatasetRefresher.Result second = refresh(false);
    assertThat(second.kind()).as(second.reason()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
    List<String> incremental = datasets();

    assertThat(refresh(true).kind()).isEqualTo(DatasetRefresher.Kind.FULL);
    List<String> full = datasets();

    assertThat(incremental).hasSizeGreaterThan(10_000);
    assertThat(incremental).containsExactlyElementsOf(full);
  }

  @Test
  void anIncrementalRefreshEqualsAFullOneWhileTheAsOfDateMoves() {
    DemoData demo = new DemoData(TestCatalogue.get(), 40, SEED);
    db.ingest(demo.batch());
    List<RawGoal> goals = new ArrayList<>();
    demo.goals().forEach(r -> goals.add(r.record()));
    List<RawFollowUp> followUps = new ArrayList<>();
    demo.followUps().forEach(r -> followUps.add(r.record()));
    // a unit that closes in the middle of a quarter
    db.ingest(
        new IngestBatch(
            RecordSource.of(
                List.of(
                    new RawOrgUnit(
                        "FBU-X", "Projekt X", "FBU", "udfoerer", "2019-01-01", "2020-12-20"))),
            RecordSource.empty(),
            RecordSource.empty()));
    assertThat(refresh(false, LocalDate.of(2020, 11, 20)).kind())
        .isEqualTo(DatasetRefresher.Kind.FULL);

    // within the quarter: the same periods complete, the same units closed; only as_of moves
    db.ingest(CubeChanges.changes(goals, followUps, 0));
    DatasetRefresher.Result within = refresh(false, LocalDate.of(2020, 12, 15));
    assertThat(within.kind()).as(within.reason()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
    assertThat(within.asOf()).isEqualTo(LocalDate.of(2020, 12, 15));
    List<String> incremental = datasets();
    assertThat(incremental)
        .hasSizeGreaterThan(1_000)
        .anyMatch(r -> r.startsWith("dim_period|2020-Q4|false|2020-12-15|"))
        .anyMatch(r -> r.contains("|Projekt X · FBU-X"));
    assertThat(refresh(true, LocalDate.of(2020, 12, 15)).kind())
        .isEqualTo(DatasetRefresher.Kind.FULL);
    assertThat(incremental).containsExactlyElementsOf(datasets());

    // past the day FBU-X closes, in the same quarter: "(afsluttet)" in the filter columns of
    // every row below it — a full refresh, saying why
    DatasetRefresher.Result closed = refresh(false, LocalDate.of(2020, 12, 28));
    assertThat(closed.kind()).isEqualTo(DatasetRefresher.Kind.FULL);
    assertThat(closed.reason()).contains("a unit now closed");
    assertThat(datasets())
        .anyMatch(r -> r.contains("|Projekt X (afsluttet) · FBU-X"))
        .noneMatch(r -> r.contains("|Projekt X · FBU-X"));

    // without --as-of the data runs to its latest follow-up: past the end of 2020 and the closing
    // of MC (2020-12-31), so 2020 and its quarters complete, new rolling windows, none ending
    // after it — a full refresh, saying why
    DatasetRefresher.Result latest = refresh(false);
    LocalDate asOf = latestFollowUp();
    assertThat(asOf).isAfter(LocalDate.of(2021, 9, 30));
    assertThat(latest.asOf()).isEqualTo(asOf);
    assertThat(latest.kind()).isEqualTo(DatasetRefresher.Kind.FULL);
    assertThat(latest.reason()).contains("periods changed").contains(asOf.toString());
    assertThat(datasets())
        .anyMatch(r -> r.startsWith("dim_period|2020|true|" + asOf + "|"))
        .anyMatch(r -> r.startsWith("dim_period|2020-Q4R4|true|" + asOf + "|"))
        .anyMatch(r -> r.startsWith("dim_period|2021-Q3R4|true|" + asOf + "|"))
        .anyMatch(r -> r.startsWith("dim_period|2022-Q1|false|" + asOf + "|"))
        .noneMatch(r -> r.startsWith("dim_period|2022-Q1R4|"))
        .anyMatch(r -> r.startsWith("dim_org_unit|MC|") && r.contains("(afsluttet) · MC"));

    // and on from there: incremental again, equal to a full refresh
    db.ingest(CubeChanges.changes(goals, followUps, 1));
    DatasetRefresher.Result later = refresh(false);
    assertThat(later.kind()).as(later.reason()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
    incremental = datasets();
    refresh(true);
    assertThat(incremental).containsExactlyElementsOf(datasets());
  }

  private LocalDate latestFollowUp() {
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(followup_date) FROM followup")) {
      rs.next();
      return rs.getDate(1).toLocalDate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRefreshWithNothingChangedKeepsEveryRow() {
    db.ingest(new DemoData(TestCatalogue.get(), 60, SEED).batch());
    refresh(false);
    List<String> before = datasets();

    DatasetRefresher.Result again = refresh(false);

    assertThat(again.kind()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
    assertThat(again.reason()).contains("nothing changed");
    assertThat(datasets()).containsExactlyElementsOf(before);
  }

  @Test
  void goalsAndFollowUpsIngestedAgainUnchangedChangeNoRow() {
    DemoData demo = new DemoData(TestCatalogue.get(), 60, SEED);
    db.ingest(demo.batch());
    refresh(false);
    List<String> before = datasets();

    // logged as changed; the touched citizens' facts before and after are the same and cancel
    db.ingest(
        new IngestBatch(
            RecordSource.empty(),
            RecordSource.of(first(demo.goals(), 40)),
            RecordSource.of(first(demo.followUps(), 80))));
    DatasetRefresher.Result again = refresh(false);

    assertThat(again.kind()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
    assertThat(again.reason()).contains("goals changed");
    assertThat(datasets()).containsExactlyElementsOf(before);
  }

  @Test
  void sliceRowsWrittenWithChangeColumnsAreRefreshedFullyOnce() throws Exception {
    DemoData demo = new DemoData(TestCatalogue.get(), 60, SEED);
    db.ingest(demo.batch());
    refresh(false);
    List<String> before = datasets();
    // slice rows as versions before ADR 0032 wrote them: with stored change columns
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement()) {
      s.execute(
          "ALTER TABLE ds_attainment_slices ADD COLUMN citizens_count_change_prev DOUBLE PRECISION");
    }
    db.ingest(
        new IngestBatch(
            RecordSource.empty(),
            RecordSource.of(first(demo.goals(), 40)),
            RecordSource.of(first(demo.followUps(), 80))));

    DatasetRefresher.Result upgraded = refresh(false);

    assertThat(upgraded.kind()).isEqualTo(DatasetRefresher.Kind.FULL);
    assertThat(upgraded.reason()).contains("holds change columns");
    assertThat(datasets()).containsExactlyElementsOf(before);
    db.ingest(
        new IngestBatch(
            RecordSource.empty(),
            RecordSource.of(first(demo.goals(), 40)),
            RecordSource.of(first(demo.followUps(), 80))));
    assertThat(refresh(false).kind()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
  }

  @Test
  void newGoalsBesideACitizensUnchangedGoalsEqualAFullRefresh() {
    // The touched citizens' unchanged goals come from the engine's state (ADR 0029). One citizen
    // gets five more goals counted in a quarter where it has one (over four: slice by slice),
    // then one of them is changed again while the others stay as they are.
    DemoData demo = new DemoData(TestCatalogue.get(), 60, SEED);
    db.ingest(demo.batch());
    refresh(false);
    RawFollowUp fu = first(demo.followUps(), 1).get(0);
    List<RawGoal> all = new ArrayList<>();
    demo.goals().forEach(r -> all.add(r.record()));
    RawGoal owner = all.stream().filter(x -> x.goalId().equals(fu.goalId())).findFirst().get();
    List<RawGoal> g = new ArrayList<>();
    List<RawFollowUp> f = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      g.add(
          new RawGoal(
              "more-" + i,
              owner.cpr(),
              owner.targetGroup(),
              owner.lifeTheme(),
              null,
              owner.baselineScore(),
              owner.targetScore(),
              owner.setDate(),
              owner.dueDate(),
              i % 2 == 0 ? owner.authorityUnitId() : "FBU-M",
              owner.providerUnitId()));
      f.add(new RawFollowUp("more-fu-" + i, "more-" + i, fu.followupDate(), "" + (2 + i)));
    }
    db.ingest(new IngestBatch(RecordSource.empty(), RecordSource.of(g), RecordSource.of(f)));
    assertThat(refresh(false).kind()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
    RawFollowUp again = new RawFollowUp("more-fu-1", "more-1", fu.followupDate(), "10");
    db.ingest(
        new IngestBatch(
            RecordSource.empty(), RecordSource.empty(), RecordSource.of(List.of(again))));
    assertThat(refresh(false).kind()).isEqualTo(DatasetRefresher.Kind.INCREMENTAL);
    List<String> incremental = datasets();

    refresh(true);
    assertThat(incremental).containsExactlyElementsOf(datasets());
  }

  private static <T> List<T> first(RecordSource<T> source, int n) {
    List<T> records = new ArrayList<>();
    source.forEach(r -> records.add(r.record()));
    return records.subList(0, n);
  }

  @Test
  void aSecondRefreshWhileOneRunsIsRefusedAtOnce() throws Exception {
    db.ingest(new DemoData(TestCatalogue.get(), 30, SEED).batch());
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RefreshListener blocking =
        new RefreshListener() {
          @Override
          public void started(String stage) {
            if ("dictionaries".equals(stage)) {
              inside.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    CompletableFuture<DatasetRefresher.Result> running =
        CompletableFuture.supplyAsync(
            () ->
                new DatasetRefresher(db.store)
                    .refresh(definitions, DatasetRefresher.Request.DEFAULT, blocking));
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
    try {
      assertThatThrownBy(() -> refresh(false))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("already running")
          .extracting(e -> ((ConnectorException) e).code())
          .isEqualTo(ErrorCode.CONFLICT);
    } finally {
      release.countDown();
    }
    assertThat(running.get(60, TimeUnit.SECONDS).kind()).isEqualTo(DatasetRefresher.Kind.FULL);
  }

  /**
   * Every row of every dataset table, as text, in a stable order; the period dimension as {@code
   * dim_period|period|period_complete|as_of} and the org dimension whole.
   */
  List<String> datasets() {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.store.dialect().connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT period, period_complete, as_of, period_label, period_plot_date,"
                  + " period_ends_year, prev_period, yoy_period FROM dim_period ORDER BY period")) {
        while (rs.next()) {
          rows.add(
              "dim_period|%s|%s|%s|%s|%s|%s|%s|%s"
                  .formatted(
                      rs.getString(1),
                      rs.getBoolean(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getBoolean(6),
                      rs.getString(7),
                      rs.getString(8)));
        }
      }
      for (String[] t :
          new String[][] {
            {"dim_org_unit", "unit_id"},
            {
              "ds_attainment",
              "period, via, org_unit, target_group, effect_goal, life_theme, goal_type"
            },
            {"ds_goal_followups", "period, followup_id"},
            {"ds_followup_compliance", "period, via, org_unit, target_group"}
          }) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + t[0] + " ORDER BY " + t[1])) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder sb = new StringBuilder(t[0]);
            for (int i = 1; i <= n; i++) {
              sb.append('|').append(rs.getString(i));
            }
            rows.add(sb.toString());
          }
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
