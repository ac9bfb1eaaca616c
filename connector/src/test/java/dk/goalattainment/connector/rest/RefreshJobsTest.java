package dk.goalattainment.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.goalattainment.connector.core.access.Caller;
import dk.goalattainment.connector.core.access.Scope;
import dk.goalattainment.connector.core.engine.Refreshes;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refresh jobs: one at a time, their stages and result or problem, the last twenty kept. */
class RefreshJobsTest {
  static final Caller LOADER = new Caller("loader", Set.of(Scope.WRITE), Set.of());
  static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

  final AtomicInteger warmed = new AtomicInteger();
  RefreshJobs jobs;

  @AfterEach
  void stop() {
    if (jobs != null) {
      jobs.close();
    }
  }

  static Refreshes.Outcome result() {
    return new Refreshes.Outcome(
        Instant.parse("2026-01-02T03:04:05Z"),
        Duration.ofMillis(1500),
        Map.of("ds_attainment", 408L),
        "incremental",
        "12 citizens changed since the last refresh",
        LocalDate.of(2021, 12, 30));
  }

  /** The public figures are computed anew on the job's thread just after it has succeeded. */
  void assertWarmedOnce() throws InterruptedException {
    long deadline = System.nanoTime() + LONG_ENOUGH.toNanos();
    while (warmed.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(warmed).as("the public figures are computed anew").hasValue(1);
  }

  @Test
  void aJobShowsItsStagesWithRowsAndTimesAndItsResult() throws Exception {
    jobs =
        new RefreshJobs(
            (request, progress) -> {
              progress.stageStarted("periods and org units");
              progress.stageStarted("attainment");
              progress.stageFinished("attainment", 408, Duration.ofMillis(1200));
              return result();
            },
            warmed::incrementAndGet);

    RefreshJob job = jobs.start(LOADER, false);

    assertThat(jobs.await(job, LONG_ENOUGH)).isTrue();
    RefreshJobViews.RefreshJobView view = job.view();
    assertThat(view.state()).isEqualTo("succeeded");
    assertThat(view.requestedBy()).isEqualTo("loader");
    assertThat(view.stages())
        .extracting(RefreshJobViews.StageView::name)
        .containsExactly("periods and org units", "attainment");
    assertThat(view.stages().get(0).seconds()).isNotNull();
    assertThat(view.stages().get(0).rows()).isNull();
    assertThat(view.stages().get(1).rows()).isEqualTo(408L);
    assertThat(view.stages().get(1).seconds()).isEqualTo(1.2);
    assertThat(view.result().rows()).containsEntry("ds_attainment", 408L);
    assertThat(view.result().seconds()).isEqualTo(1.5);
    assertThat(view.result().asOf()).isEqualTo(LocalDate.of(2021, 12, 30));
    assertThat(view.result().kind()).isEqualTo("incremental");
    assertThat(view.result().reason()).contains("12 citizens changed");
    assertThat(view.startedAt()).isNotNull();
    assertThat(view.finishedAt()).isAfterOrEqualTo(view.startedAt());
    assertThat(view.problem()).isNull();
    assertWarmedOnce();
  }

  @Test
  void aSecondJobWhileOneRunsIsRefusedNamingTheRunningOne() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    jobs =
        new RefreshJobs(
            (request, progress) -> {
              progress.stageStarted("held");
              running.countDown();
              try {
                gate.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return result();
            },
            () -> {});
    RefreshJob first = jobs.start(LOADER, false);
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

    ConnectorException refused =
        catchThrowableOfType(ConnectorException.class, () -> jobs.start(LOADER, false));
    RefreshJobViews.RefreshJobView whileRunning = first.view();
    gate.countDown();

    assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(refused.getMessage())
        .contains("already running")
        .contains(first.id())
        .contains("/api/v1/refresh/jobs/" + first.id());
    assertThat(whileRunning.state()).isEqualTo("running");
    assertThat(whileRunning.stages())
        .singleElement()
        .satisfies(s -> assertThat(s.seconds()).isNull());
    assertThat(jobs.await(first, LONG_ENOUGH)).isTrue();
    RefreshJob second = jobs.start(LOADER, false);
    assertThat(jobs.await(second, LONG_ENOUGH)).isTrue();
    assertThat(second.view().state()).isEqualTo("succeeded");
  }

  @Test
  void aJobThatFailsKeepsTheProblemOfItsFailure() {
    jobs =
        new RefreshJobs(
            (request, progress) -> {
              throw new ConnectorException(
                  ErrorCode.STORED_DATA_INVALID,
                  "followups f-3019 (followup_date) cannot be placed");
            },
            warmed::incrementAndGet);

    RefreshJob job = jobs.start(LOADER, false);

    assertThat(jobs.await(job, LONG_ENOUGH)).isTrue();
    RefreshJobViews.RefreshJobView view = job.view();
    assertThat(view.state()).isEqualTo("failed");
    assertThat(view.result()).isNull();
    assertThat(view.problem().status()).isEqualTo(409);
    assertThat(view.problem().type()).isEqualTo("urn:goal-attainment:problem:stored-data-invalid");
    assertThat(view.problem().detail()).contains("f-3019");
    assertThat(view.problem().instance()).isEqualTo(job.href());
    assertThat(job.failure()).isEqualTo(ErrorCode.STORED_DATA_INVALID);
    assertThat(warmed).hasValue(0);
  }

  @Test
  void anUnexpectedFailureIsA500WithACorrelationIdAndNotItsMessage() {
    jobs =
        new RefreshJobs(
            (request, progress) -> {
              throw new IllegalStateException("SELECT secret FROM goal WHERE cpr = '0101801234'");
            },
            () -> {});

    RefreshJob job = jobs.start(LOADER, false);

    assertThat(jobs.await(job, LONG_ENOUGH)).isTrue();
    Problem problem = job.view().problem();
    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.correlationId()).matches("[0-9a-f-]{36}");
    assertThat(problem.detail()).contains(problem.correlationId()).doesNotContain("SELECT", "0101");
  }

  @Test
  void theLastTwentyJobsAreKeptNewestFirst() {
    jobs = new RefreshJobs((request, progress) -> result(), () -> {});
    RefreshJob first = null;
    RefreshJob last = null;
    for (int i = 0; i < RefreshJobs.KEPT + 5; i++) {
      last = jobs.start(LOADER, false);
      first = first == null ? last : first;
      assertThat(jobs.await(last, LONG_ENOUGH)).isTrue();
    }

    assertThat(jobs.recent()).hasSize(RefreshJobs.KEPT).first().isSameAs(last);
    assertThat(jobs.job(first.id())).isEmpty();
    assertThat(jobs.job(last.id())).containsSame(last);
  }
}
