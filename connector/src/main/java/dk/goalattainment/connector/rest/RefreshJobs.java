package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.core.access.Caller;
import dk.goalattainment.connector.core.engine.Refreshes;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.privacy.Redaction;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes as jobs: {@code POST /api/v1/refresh} starts one and answers at once; the job runs on
 * its own thread and its status (state, stages so far, result or problem) is read while it runs.
 * One job at a time per process: starting another while one is queued or running is a {@link
 * ErrorCode#CONFLICT} naming it (another process refreshing the same store is refused by the store
 * itself, and that job fails with the store's problem).
 *
 * <p>The jobs live in this process's memory: the last {@value #KEPT} are kept, and a restart
 * forgets them (the datasets' freshness is in the store: {@code GET /api/v1/datasets}).
 */
@Singleton
final class RefreshJobs {
  /** Jobs kept for reading, newest first; older ones are forgotten. */
  static final int KEPT = 20;

  private static final Logger LOG = LoggerFactory.getLogger(RefreshJobs.class);

  private final Refresher refresher;
  private final Runnable afterSuccess;
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "refresh-job");
            t.setDaemon(true);
            return t;
          });
  private final Deque<RefreshJob> jobs = new ArrayDeque<>();

  /** Jobs that compute the new public figures after each refresh that succeeds. */
  @Inject
  RefreshJobs(Refresher refresher, PublicFiguresWarmer publicFigures) {
    this(refresher, publicFigures::warm);
  }

  RefreshJobs(Refresher refresher, Runnable afterSuccess) {
    this.refresher = refresher;
    this.afterSuccess = afterSuccess;
  }

  /**
   * Runs one refresh and tells {@code progress} its stages. The runtime's refresh in the service;
   * tests replace it to hold a job in a known state.
   */
  interface Refresher {
    Refreshes.Outcome refresh(boolean full, RefreshJob.Progress progress);
  }

  /** The runtime's refresh, its stages told as they start. */
  @Singleton
  static class RuntimeRefresher implements Refresher {
    private final ConnectorRuntime runtime;

    RuntimeRefresher(ConnectorRuntime runtime) {
      this.runtime = runtime;
    }

    @Override
    public Refreshes.Outcome refresh(boolean full, RefreshJob.Progress progress) {
      return runtime.refreshes().refresh(full, progress);
    }
  }

  /**
   * Starts a job for {@code caller} (incremental when it can be, unless {@code full} asks for a
   * full one), or refuses with a conflict naming the job that is queued or running.
   */
  synchronized RefreshJob start(Caller caller, boolean full) {
    Optional<RefreshJob> busy = jobs.stream().filter(j -> !j.isFinished()).findFirst();
    if (busy.isPresent()) {
      RefreshJobViews.RefreshJobView s = busy.get().view();
      throw new ConnectorException(
          ErrorCode.CONFLICT,
          "A refresh is already "
              + s.state()
              + ": job "
              + s.id()
              + ", asked for at "
              + s.submittedAt()
              + " by "
              + s.requestedBy()
              + ". GET "
              + s.href()
              + " follows it; start another when it has finished.");
    }
    RefreshJob job = new RefreshJob(Redaction.randomId(), caller.getName(), Instant.now());
    jobs.addFirst(job);
    while (jobs.size() > KEPT) {
      jobs.removeLast();
    }
    runner.execute(() -> run(job, full));
    LOG.info("refresh job {} asked for by {}", job.id(), caller.getName());
    return job;
  }

  /** The job with this id, if this process still keeps it. */
  synchronized Optional<RefreshJob> job(String id) {
    return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
  }

  /** The jobs kept, newest first. */
  synchronized List<RefreshJob> recent() {
    return new ArrayList<>(jobs);
  }

  /** Waits up to {@code most} for the job to finish; true when it has. */
  boolean await(RefreshJob job, Duration most) {
    try {
      job.done().get(most.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return job.isFinished();
    } catch (ExecutionException e) {
      return true; // the job records its own failure
    }
  }

  private void run(RefreshJob job, boolean full) {
    job.running();
    LOG.info("refresh job {} runs", job.id());
    try {
      Refreshes.Outcome result =
          refresher.refresh(
              full, job.progress(line -> LOG.info("refresh job {}: {}", job.id(), line)));
      job.succeeded(result);
      LOG.info("refresh job {} succeeded ({}): {}", job.id(), result.kind(), result.rows());
      afterSuccess.run();
    } catch (ConnectorException e) {
      fail(job, e);
    } catch (RuntimeException e) {
      fail(job, new ConnectorException(ErrorCode.INTERNAL, "Unexpected failure", e));
    } catch (Error e) {
      fail(job, new ConnectorException(ErrorCode.INTERNAL, "Unexpected failure", e));
      throw e;
    }
  }

  private static void fail(RefreshJob job, ConnectorException e) {
    // a server error is logged under a correlation id; the job's problem carries the id
    Problem problem = Problems.of(e, "refresh job " + job.id(), job.href());
    job.failed(e.code(), problem);
    LOG.warn("refresh job {} failed: {}", job.id(), problem.detail());
  }

  @PreDestroy
  void close() {
    runner.shutdownNow();
  }
}
