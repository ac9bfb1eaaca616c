package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.core.engine.Refreshes;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One refresh job's state, changed by the thread that runs it and read by requests: queued, then
 * running with its stages so far, then succeeded with the refresh's result or failed with a
 * problem. Every change and every read holds the job's lock.
 */
final class RefreshJob {
  /** Where a job is. */
  enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String id;
  private final String requestedBy;
  private final Instant submittedAt;
  private final List<Stage> stages = new ArrayList<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private State state = State.QUEUED;
  private Instant startedAt;
  private Instant finishedAt;
  private Refreshes.Outcome result;
  private ErrorCode failure;
  private Problem problem;

  RefreshJob(String id, String requestedBy, Instant submittedAt) {
    this.id = id;
    this.requestedBy = requestedBy;
    this.submittedAt = submittedAt;
  }

  /** A stage: open while {@code took} is null. */
  private static final class Stage {
    final String name;
    final Instant startedAt;
    Duration took;
    Long rows;

    Stage(String name, Instant startedAt) {
      this.name = name;
      this.startedAt = startedAt;
    }
  }

  /**
   * Hears the refresh's stages for the job (and tells each to {@code log}): a stage starts, and
   * finishes with its rows and time when the refresh reports them, else when the next one starts.
   */
  final class Progress implements Refreshes.Stages {
    private final Consumer<String> log;

    private Progress(Consumer<String> log) {
      this.log = log;
    }

    @Override
    public void started(String stage) {
      stageStarted(stage);
    }

    @Override
    public void finished(String stage, long rows, Duration took) {
      log.accept(Refreshes.Stages.line(stage, rows, took));
      stageFinished(stage, rows, took);
    }

    @Override
    public void decided(String plan) {
      log.accept(plan);
    }

    /** A stage begins (the one before it, if still open, has ended). */
    void stageStarted(String name) {
      log.accept(name);
      synchronized (RefreshJob.this) {
        closeOpenStage(Instant.now());
        stages.add(new Stage(name, Instant.now()));
      }
    }

    /** A stage is done, with the rows it wrote (-1: none reported) and its time. */
    void stageFinished(String name, long rows, Duration took) {
      synchronized (RefreshJob.this) {
        for (int i = stages.size() - 1; i >= 0; i--) {
          Stage s = stages.get(i);
          if (s.name.equals(name) && s.took == null) {
            s.took = took;
            s.rows = rows >= 0 ? rows : null;
            return;
          }
        }
        Stage s = new Stage(name, Instant.now().minus(took));
        s.took = took;
        s.rows = rows >= 0 ? rows : null;
        stages.add(s);
      }
    }
  }

  String id() {
    return id;
  }

  String href() {
    return "/api/v1/refresh/jobs/" + id;
  }

  /** Completes when the job has succeeded or failed. */
  CompletableFuture<Void> done() {
    return done;
  }

  synchronized boolean isFinished() {
    return state == State.SUCCEEDED || state == State.FAILED;
  }

  Progress progress(Consumer<String> log) {
    return new Progress(log);
  }

  synchronized void running() {
    state = State.RUNNING;
    startedAt = Instant.now();
  }

  void succeeded(Refreshes.Outcome result) {
    synchronized (this) {
      finish(State.SUCCEEDED);
      this.result = result;
    }
    done.complete(null);
  }

  void failed(ErrorCode code, Problem problem) {
    synchronized (this) {
      finish(State.FAILED);
      this.failure = code;
      this.problem = problem;
    }
    done.complete(null);
  }

  private void finish(State end) {
    finishedAt = Instant.now();
    closeOpenStage(finishedAt);
    state = end;
  }

  private void closeOpenStage(Instant now) {
    if (!stages.isEmpty()) {
      Stage last = stages.get(stages.size() - 1);
      if (last.took == null) {
        last.took = Duration.between(last.startedAt, now);
      }
    }
  }

  /** The error code of a failed job (null otherwise). */
  synchronized ErrorCode failure() {
    return failure;
  }

  /** The problem of a failed job (null otherwise). */
  synchronized Problem problem() {
    return problem;
  }

  /** The job as the API shows it. */
  synchronized RefreshJobViews.RefreshJobView view() {
    List<RefreshJobViews.StageView> shown = new ArrayList<>();
    for (Stage s : stages) {
      shown.add(
          new RefreshJobViews.StageView(
              s.name, s.startedAt, s.took == null ? null : seconds(s.took), s.rows));
    }
    return new RefreshJobViews.RefreshJobView(
        id,
        state.code(),
        requestedBy,
        submittedAt,
        startedAt,
        finishedAt,
        shown,
        result == null
            ? null
            : new RefreshJobViews.ResultView(
                result.refreshedAt(),
                seconds(result.took()),
                result.kind(),
                result.reason(),
                result.asOf(),
                result.rows()),
        problem,
        href());
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
